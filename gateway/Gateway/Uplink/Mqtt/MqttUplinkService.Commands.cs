using System.Buffers;
using Gateway.Core.Mapping.Local;
using Gateway.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Uplink.Mqtt;

/// <summary>Commands arriving on <c>…/devices/&lt;id&gt;/commands</c> and their results.</summary>
internal sealed partial class MqttUplinkService
{
    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!_topics.TryParseCommandTopic(topic, out var deviceId))
        {
            return Task.CompletedTask;
        }

        var request = CommandRequest.Parse(e.ApplicationMessage.Payload.ToArray(), static () => Guid.NewGuid().ToString("N")[..12]);

        // Run the command off MQTTnet's receive loop: a board may take seconds to answer.
        _ = ExecuteCommandAsync(deviceId, request);
        return Task.CompletedTask;
    }

    private async Task ExecuteCommandAsync(string deviceId, CommandRequest request)
    {
        var outcome = request.Command is null
            ? Core.Operations.CommandOutcome.Failed(Core.Operations.CommandStatus.Invalid, "invalid", request.Error)
            : await _commander.SendAsync(
                deviceId,
                request.Command,
                request.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(request.TimeoutMs) : null,
                CancellationToken.None);
        if (request.Command is null)
        {
            Log.CommandInvalid(_logger, _topics.For(deviceId).Commands, request.Error);
        }

        Log.CommandDone(_logger, request.Id, deviceId, request.Command?.ToString() ?? request.Name, outcome.Describe());
        var payload = new ArrayBufferWriter<byte>(256);
        LocalPayloads.WriteCommandResult(payload, request.Id, deviceId, request.Name, outcome, _time.GetUtcNow());
        try
        {
            await _client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic(_topics.For(deviceId).CommandResults)
                    .WithPayload(new ReadOnlySequence<byte>(payload.WrittenMemory))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                CancellationToken.None);
        }
        catch (Exception e) when (IsConnectFailure(e))
        {
            // The requester sees no result; the command's effect on the board stands and is logged above.
        }
    }
}
