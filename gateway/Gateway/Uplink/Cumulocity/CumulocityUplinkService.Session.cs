using System.Buffers;
using System.Text;
using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Logging;
using Gateway.Store;
using Gateway.Uplink.Cumulocity.Operations;
using Gateway.Uplink.Mqtt;
using MQTTnet.Packets;

namespace Gateway.Uplink.Cumulocity;

/// <summary>One connected session: registration, subscriptions, <c>500</c>, then the control and telemetry loops.</summary>
internal sealed partial class CumulocityUplinkService
{
    private static readonly string AgentVersion = Cli.GatewayCommands.Version;
    private TelemetryWindow? _window;

    /// <summary>Runs a session; returns why it ended, or null when the gateway is stopping or restarting.</summary>
    private async Task<string?> RunSessionAsync(MqttLink link, IOutboxCursor cursor, Task restart, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var window = new TelemetryWindow(cursor, _state);
        _window = window;
        try
        {
            await RegisterAsync(link, session.Token);
            await link.SubscribeAsync([SmartRestTopics.Downstream, SmartRestTopics.Errors], session.Token);
            await PublishRowsAsync(link, SmartRestTopics.Upstream, [UpstreamRows.PendingOperations()], session.Token);
            cursor.Rewind();
            _thresholds.Reset();
            var control = PumpControlAsync(link, session.Token);
            var telemetry = PumpTelemetryAsync(link, cursor, window, session.Token);
            var ended = await Task.WhenAny(link.Closed, control, telemetry, restart);
            session.Cancel();
            await Task.WhenAll(Quietly(control), Quietly(telemetry));
            if (stoppingToken.IsCancellationRequested || ended == restart)
            {
                return null;
            }

            return ended == link.Closed ? link.Closed.Result : ended.Exception?.GetBaseException().Message ?? "session ended";
        }
        catch (Exception e) when (MqttLink.IsLinkFailure(e))
        {
            return stoppingToken.IsCancellationRequested ? null : e.Message;
        }
    }

    /// <summary>
    /// The gateway (<c>100</c>, <c>110</c>, <c>122</c>, <c>114</c>, <c>117</c>) and every known board
    /// (<c>101</c> on <c>s/us</c>, then its own rows on <c>s/us/&lt;child&gt;</c>); idempotent, sent on
    /// every connect.
    /// </summary>
    private async Task RegisterAsync(MqttLink link, CancellationToken cancellationToken)
    {
        var boards = _registry.Snapshot();
        var gatewayRows = new List<SmartRestRow>
        {
            UpstreamRows.Device(_deviceName, _options.DeviceType),
            UpstreamRows.Hardware(_connector.ClientId, HardwareModel(), null),
            UpstreamRows.Agent("arduino-edge-gateway", AgentVersion, null, "edge gateway maintainers"),
            UpstreamRows.SupportedOperations(_dispatcher.SupportedOperations(TargetKind.Gateway, null)),
            UpstreamRows.RequiredAvailability(_options.RequiredIntervalMinutes),
        };
        gatewayRows.AddRange(boards.Select(b => ChildRow(b.Device)));
        await PublishRowsAsync(link, SmartRestTopics.Upstream, gatewayRows, cancellationToken);
        foreach (var board in boards)
        {
            await PublishRowsAsync(link, ChildTopic(board.Device.DeviceId), ChildStateRows(board.Device), cancellationToken);
        }

        Log.CumulocityRegistered(_logger, boards.Count, _dispatcher.InterruptedCount);
    }

    private SmartRestRow ChildRow(DeviceInfo board) =>
        UpstreamRows.ChildDevice(
            _ids.For(board.DeviceId),
            board.Firmware.Length > 0 ? $"{board.Firmware} {board.DeviceId}" : board.DeviceId,
            _options.ChildType);

    /// <summary>A board's own rows: <c>110</c>, <c>115</c> (firmware from its hello), <c>114</c>, <c>117</c>.</summary>
    private List<SmartRestRow> ChildStateRows(DeviceInfo board)
    {
        var rows = new List<SmartRestRow> { UpstreamRows.Hardware(board.DeviceId, board.Firmware.Length > 0 ? board.Firmware : null, null) };
        if (board.Firmware.Length > 0 || board.FirmwareVersion.Length > 0)
        {
            rows.Add(UpstreamRows.Firmware(board.Firmware, board.FirmwareVersion));
        }

        rows.Add(UpstreamRows.SupportedOperations(_dispatcher.SupportedOperations(TargetKind.Board, board)));
        rows.Add(UpstreamRows.RequiredAvailability(_options.ChildRequiredIntervalMinutes));
        return rows;
    }

    private string ChildTopic(string boardId) => SmartRestTopics.UpstreamFor(_ids.For(boardId));

    private static async Task PublishRowsAsync(MqttLink link, string topic, IEnumerable<SmartRestRow> rows, CancellationToken cancellationToken)
    {
        foreach (var publish in SmartRestBatcher.Pack(rows).Publishes)
        {
            await link.PublishAndWaitAsync(topic, publish.Payload, retain: false, cancellationToken);
        }
    }

    /// <summary>Sends the control queue in order, each message removed only after its PUBACK.</summary>
    private async Task PumpControlAsync(MqttLink link, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await _control.PeekAsync(cancellationToken);
            if (message.Payload.Length > SmartRestLimits.MaxPublishBytes)
            {
                Log.CumulocityControlTooLarge(_logger, message.Topic, message.Payload.Length);
                _control.Drop(message);
                continue;
            }

            await link.PublishAndWaitAsync(message.Topic, message.Payload, retain: false, cancellationToken);
            _control.Delivered(message);
        }
    }

    private void OnMessage(MqttPublishPacket message)
    {
        var payload = message.Payload.ToArray();
        Log.CumulocityDownstream(_logger, message.Topic, Encoding.UTF8.GetString(payload));
        ReadOnlySpan<byte> rest = payload;
        while (!rest.IsEmpty)
        {
            if (!SmartRestReader.TryReadRow(ref rest, SmartRestQuoteEscape.DoubledOrBackslash, out var row, out var error))
            {
                if (error.Length > 0)
                {
                    Log.CumulocityOperationUndecodable(_logger, Encoding.UTF8.GetString(payload), error);
                }

                continue;
            }

            if (message.Topic == SmartRestTopics.Errors)
            {
                if (SmartRestDecoder.TryDecodeDiagnostic(row, out var diagnostic, out _))
                {
                    Log.CumulocityErrorTopic(_logger, diagnostic.Code, diagnostic.TemplateId, diagnostic.Message);
                }
            }
            else if (row.TemplateId.Length == 3 && row.TemplateId[0] == '5')
            {
                _dispatcher.Accept(row);
            }
        }
    }

    private static string? HardwareModel()
    {
        try
        {
            const string Model = "/proc/device-tree/model";
            return File.Exists(Model) ? File.ReadAllText(Model).TrimEnd('\0', '\n') : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What the link reports, for the session.</summary>
    private sealed class SessionObserver(CumulocityUplinkService service) : IMqttLinkObserver
    {
        public void PublishAcknowledged(long token) => service._window?.Acknowledged(token);

        public void WindowOpened() => service._window?.Opened();

        public void MessageReceived(MqttPublishPacket message) => service.OnMessage(message);
    }
}
