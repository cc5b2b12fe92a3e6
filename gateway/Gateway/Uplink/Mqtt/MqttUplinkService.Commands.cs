using System.Buffers;
using Gateway.Core.Mapping.Local;
using Gateway.Core.Operations;
using Gateway.Logging;
using MQTTnet.Packets;

namespace Gateway.Uplink.Mqtt;

/// <summary>Commands arriving on <c>…/devices/&lt;id&gt;/commands</c> and their results.</summary>
internal sealed partial class MqttUplinkService
{
    private void OnMessage(MqttPublishPacket message)
    {
        if (!_topics.TryParseCommandTopic(message.Topic, out var deviceId))
        {
            return;
        }

        var request = CommandRequest.Parse(message.Payload.ToArray(), static () => Guid.NewGuid().ToString("N")[..12]);

        // Off the receive loop: a board may take seconds to answer, and PUBACKs must keep flowing meanwhile.
        _ = Task.Run(() => ExecuteCommandAsync(deviceId, request));
    }

    private async Task ExecuteCommandAsync(string deviceId, CommandRequest request)
    {
        CommandOutcome outcome;
        if (request.Command is null)
        {
            Log.CommandInvalid(_logger, _topics.For(deviceId).Commands, request.Error);
            outcome = CommandOutcome.Failed(CommandStatus.Invalid, "invalid", request.Error);
        }
        else
        {
            var timeout = request.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(request.TimeoutMs) : (TimeSpan?)null;
            outcome = await _commander.SendAsync(deviceId, request.Command, timeout, CancellationToken.None);
        }

        Log.CommandDone(_logger, request.Id, deviceId, request.Command?.ToString() ?? request.Name, outcome.Describe());
        var payload = new ArrayBufferWriter<byte>(256);
        LocalPayloads.WriteCommandResult(payload, request.Id, deviceId, request.Name, outcome, _time.GetUtcNow());
        var link = Volatile.Read(ref _pumping);
        if (link is null)
        {
            // The requester sees no result; the command's effect on the board stands and is logged above.
            return;
        }

        try
        {
            await link.PublishAndWaitAsync(_topics.For(deviceId).CommandResults, payload.WrittenMemory, retain: false, CancellationToken.None);
        }
        catch (Exception e) when (MqttLink.IsLinkFailure(e))
        {
        }
    }
}
