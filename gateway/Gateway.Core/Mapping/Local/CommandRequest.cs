using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Core.Operations;

namespace Gateway.Core.Mapping.Local;

/// <summary>
/// A command published on a device's command topic (ADR 0002): either JSON such as
/// <c>{"id":"r1","command":"out","pin":7,"state":1}</c>, or a plain line such as <c>out 7 1</c>.
/// </summary>
/// <param name="Id">The requester's correlation id (generated when absent).</param>
/// <param name="Name">The command name as given.</param>
/// <param name="Command">The validated board command, or null when the request is invalid.</param>
/// <param name="TimeoutMs">How long to wait for the board's answer (0: the gateway's default).</param>
/// <param name="Error">Why the request is invalid, or empty.</param>
public sealed record CommandRequest(string Id, string Name, BoardCommand? Command, int TimeoutMs, string Error)
{
    /// <summary>Largest timeout a request may ask for, in milliseconds.</summary>
    public const int MaxTimeoutMs = 60_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a payload; never throws for bad input — an invalid request carries its <see cref="Error"/>.</summary>
    public static CommandRequest Parse(ReadOnlySpan<byte> payload, Func<string> newId)
    {
        ArgumentNullException.ThrowIfNull(newId);
        var trimmed = payload.Trim(" \t\r\n"u8);
        if (trimmed.StartsWith("\uFEFF"u8))
        {
            trimmed = trimmed[3..].Trim(" \t\r\n"u8);
        }

        if (trimmed.IsEmpty)
        {
            return Invalid(newId(), string.Empty, "empty command");
        }

        if (!System.Text.Unicode.Utf8.IsValid(trimmed))
        {
            return Invalid(newId(), string.Empty, "the command is not UTF-8 text");
        }

        return trimmed[0] is (byte)'{' or (byte)'[' or (byte)'"' ? ParseJson(trimmed, newId) : ParseText(trimmed, newId);
    }

    private static CommandRequest ParseText(ReadOnlySpan<byte> payload, Func<string> newId)
    {
        var words = StrictUtf8.GetString(payload).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return Build(newId(), words[0], words[1..], 0);
    }

    private static CommandRequest ParseJson(ReadOnlySpan<byte> payload, Func<string> newId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Invalid(newId(), string.Empty, $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid(newId(), string.Empty, "expected a JSON object");
            }

            var id = root.TryGetProperty("id", out var idValue) && IsScalar(idValue) ? ScalarText(idValue) : newId();
            var name = root.TryGetProperty("command", out var nameValue) && IsScalar(nameValue) ? ScalarText(nameValue) : string.Empty;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var args = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var timeoutMs = 0;
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return Invalid(id, name, $"'{property.Name}' is given twice");
                }

                if (!IsScalar(property.Value))
                {
                    return Invalid(id, name, $"'{property.Name}' must be a string, number or boolean");
                }

                switch (property.Name)
                {
                    case "id" or "command":
                        break;
                    case "timeoutMs":
                        if (property.Value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String) ||
                            !int.TryParse(ScalarText(property.Value), NumberStyles.None, CultureInfo.InvariantCulture, out timeoutMs) ||
                            timeoutMs is <= 0 or > MaxTimeoutMs)
                        {
                            return Invalid(id, name, $"timeoutMs must be 1–{MaxTimeoutMs}");
                        }

                        break;
                    default:
                        args[property.Name] = property.Value;
                        break;
                }
            }

            if (name.Length == 0)
            {
                return Invalid(id, string.Empty, "missing \"command\"");
            }

            return TryPositionalArgs(name, args, out var positional, out var error)
                ? Build(id, name, positional, timeoutMs)
                : Invalid(id, name, error);
        }
    }

    /// <summary>The named arguments of a command in the order the board expects; unknown names are refused.</summary>
    private static bool TryPositionalArgs(string name, Dictionary<string, JsonElement> args, out string[] positional, out string error)
    {
        string[] keys = name switch
        {
            "interval" => ["ms"],
            "out" => ["pin", "state"],
            "identify" => ["seconds"],
            _ => [],
        };
        var list = new List<string>(keys.Length);
        foreach (var key in keys)
        {
            if (!args.Remove(key, out var value))
            {
                continue;
            }

            var text = key == "state" && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (value.ValueKind == JsonValueKind.True ? "1" : "0")
                : value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? ScalarText(value) : null;
            if (text is null)
            {
                positional = [];
                error = $"'{key}' must be a number or a string";
                return false;
            }

            list.Add(text);
        }

        if (args.Count > 0)
        {
            positional = [];
            BoardCommand.TryParse(name, [.. list, .. args.Keys], out _, out var usage);
            error = $"'{string.Join("', '", args.Keys)}' is not an argument of {name}; {usage}";
            return false;
        }

        positional = [.. list];
        error = string.Empty;
        return true;
    }

    private static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static CommandRequest Build(string id, string name, IReadOnlyList<string> args, int timeoutMs) =>
        BoardCommand.TryParse(name, args, out var command, out var error)
            ? new CommandRequest(id, name, command, timeoutMs, string.Empty)
            : Invalid(id, name, error);

    private static CommandRequest Invalid(string id, string name, string error) => new(id, name, null, 0, error);
}
