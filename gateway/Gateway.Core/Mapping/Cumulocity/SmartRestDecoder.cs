using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// Turns downstream rows into typed messages: operations from <c>s/ds</c>, bootstrap credentials from
/// <c>s/dcr</c>, diagnostics from <c>s/e</c>. Pure; a row that does not fit is a false with a reason.
/// Read the rows of a publish with <see cref="SmartRestReader"/> and
/// <see cref="SmartRestQuoteEscape.DoubledOrBackslash"/>.
/// </summary>
public static class SmartRestDecoder
{
    /// <summary>Decodes an operation row (510–530).</summary>
    public static bool TryDecodeOperation(SmartRestRow row, [NotNullWhen(true)] out DeviceOperation? operation, out string error)
    {
        ArgumentNullException.ThrowIfNull(row);
        operation = null;
        if (!DownstreamTemplates.TryGetFieldBounds(row.TemplateId, out var fragment, out var min, out var max))
        {
            error = $"template {row.TemplateId} is not a static operation template";
            return false;
        }

        var count = row.Fields.Length;
        if (count < min || count > max)
        {
            error = max == int.MaxValue
                ? $"template {row.TemplateId} ({fragment}) needs at least {min} fields, got {count}"
                : $"template {row.TemplateId} ({fragment}) needs {Range(min, max)} fields, got {count}";
            return false;
        }

        var device = row.Fields[1];
        if (device.Length == 0)
        {
            error = $"template {row.TemplateId} ({fragment}) names no device";
            return false;
        }

        error = string.Empty;
        operation = row.TemplateId switch
        {
            "510" => new RestartOperation(device),
            "511" => new CommandOperation(device, row.FieldOrEmpty(2)),
            "513" => new ConfigurationOperation(device, row.FieldOrEmpty(2)),
            "515" => new FirmwareOperation(device, row.Fields[2], row.Fields[3], row.FieldOrEmpty(4)),
            "517" => new MeasurementRequestOperation(device, row.Fields[2]),
            "518" => DecodeRelay(device, row, ref error),
            "519" => DecodeRelayArray(device, row, ref error),
            _ => new UnsupportedOperation(row.TemplateId, device, fragment, row.Fields[2..]),
        };
        return operation is not null;
    }

    /// <summary>Decodes <c>70,tenant,user,password</c> from <c>s/dcr</c>.</summary>
    public static bool TryDecodeCredentials(SmartRestRow row, [NotNullWhen(true)] out BootstrapCredentials? credentials, out string error)
    {
        ArgumentNullException.ThrowIfNull(row);
        credentials = null;
        if (row.TemplateId != "70")
        {
            error = $"expected template 70 (device credentials), got {row.TemplateId}";
            return false;
        }

        if (row.Fields.Length != 4)
        {
            error = $"template 70 needs 4 fields (70,tenant,user,password), got {row.Fields.Length}";
            return false;
        }

        if (row.Fields[1].Length == 0 || row.Fields[2].Length == 0 || row.Fields[3].Length == 0)
        {
            error = "template 70 has an empty tenant, user or password";
            return false;
        }

        error = string.Empty;
        credentials = new BootstrapCredentials(row.Fields[1], row.Fields[2], row.Fields[3]);
        return true;
    }

    /// <summary>
    /// Decodes an <c>s/e</c> row. The message is everything after the template id; unquoted commas in it
    /// are kept.
    /// </summary>
    public static bool TryDecodeDiagnostic(SmartRestRow row, [NotNullWhen(true)] out SmartRestDiagnostic? diagnostic, out string error)
    {
        ArgumentNullException.ThrowIfNull(row);
        diagnostic = null;
        if (!int.TryParse(row.TemplateId, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            error = $"an error row starts with a numeric code, not '{row.TemplateId}'";
            return false;
        }

        error = string.Empty;
        diagnostic = new SmartRestDiagnostic(code, row.FieldOrEmpty(1), string.Join(',', row.Fields.Skip(2)));
        return true;
    }

    private static RelayOperation? DecodeRelay(string device, SmartRestRow row, ref string error)
    {
        if (RelayStates.TryParse(row.Fields[2], out var state))
        {
            return new RelayOperation(device, state);
        }

        error = $"template 518 (c8y_Relay) needs OPEN or CLOSED, got '{row.Fields[2]}'";
        return null;
    }

    private static RelayArrayOperation? DecodeRelayArray(string device, SmartRestRow row, ref string error)
    {
        var states = ImmutableArray.CreateBuilder<RelayState>(row.Fields.Length - 2);
        for (var i = 2; i < row.Fields.Length; i++)
        {
            if (!RelayStates.TryParse(row.Fields[i], out var state))
            {
                error = $"template 519 (c8y_RelayArray) needs OPEN or CLOSED for every relay, got '{row.Fields[i]}' at field {i + 1}";
                return null;
            }

            states.Add(state);
        }

        return new RelayArrayOperation(device, states.MoveToImmutable());
    }

    private static string Range(int min, int max) => min == max ? $"{min}" : $"{min}–{max}";
}
