using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Operations;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// <c>c8y_Configuration</c>. For a board: <c>key=value</c> lines of its settings (<c>interval</c>, the
/// sample interval in ms), each applied by its command. For the gateway: a JSON configuration written
/// atomically to <c>Cumulocity:Operations:ConfigurationFile</c> (in effect after the next restart).
/// Either way the text is reported with <c>113</c> before <c>503</c>.
/// </summary>
internal sealed class ConfigurationHandler(BoardAccess boards, string gatewayConfigurationFile) : IOperationHandler
{
    public string Fragment => "c8y_Configuration";

    public bool Supports(TargetKind kind, DeviceInfo? board) =>
        kind == TargetKind.Board || (kind == TargetKind.Gateway && gatewayConfigurationFile.Length > 0);

    /// <summary>Reads board settings: <c>interval=&lt;ms&gt;</c> lines; blank lines and <c>#</c> comments are skipped.</summary>
    public static bool TryParseBoardSettings(string text, out List<BoardCommand> commands, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        commands = [];
        error = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? line : line[..equals].Trim();
            var value = equals < 0 ? string.Empty : line[(equals + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "interval" or "intervalms" or "sampleintervalms":
                    if (!BoardCommand.TryParse("interval", [value], out var command, out error))
                    {
                        error = $"'{line}': {error}";
                        return false;
                    }

                    commands.Add(command!);
                    break;
                default:
                    error = $"'{line}': unknown setting; a board takes interval=<ms> ({BoardCommand.MinIntervalMs}–{BoardCommand.MaxIntervalMs})";
                    return false;
            }
        }

        if (commands.Count == 0)
        {
            error = "no setting given; a board takes interval=<ms>";
            return false;
        }

        return true;
    }

    public async Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
    {
        var text = ((ConfigurationOperation)operation).Text;
        var report = new StateUpdate(target.StatusTopic, UpstreamRows.Configuration(text).Text);
        if (target.Kind == TargetKind.Gateway)
        {
            return WriteGatewayConfiguration(text, report);
        }

        if (!TryParseBoardSettings(text, out var commands, out var error))
        {
            return OperationResult.Failure(error);
        }

        foreach (var command in commands)
        {
            var outcome = await boards.SendAsync(target.BoardId, command, cancellationToken);
            if (outcome.Status != CommandStatus.Ok)
            {
                return BoardAccess.Failed(command.ToString(), outcome);
            }
        }

        return OperationResult.SuccessAfter(report);
    }

    private OperationResult WriteGatewayConfiguration(string text, StateUpdate report)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return OperationResult.Failure("the gateway's configuration is a JSON object, like /etc/gateway/gateway.json");
            }
        }
        catch (JsonException e)
        {
            return OperationResult.Failure(string.Create(CultureInfo.InvariantCulture, $"not JSON: {e.Message}"));
        }

        try
        {
            AtomicFile.Write(gatewayConfigurationFile, Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return OperationResult.Failure($"cannot write {gatewayConfigurationFile}: {e.Message}");
        }

        return OperationResult.SuccessAfter(report);
    }
}
