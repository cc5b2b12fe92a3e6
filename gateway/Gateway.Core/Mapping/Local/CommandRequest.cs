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

    /// <summary>Parses a payload; never throws for bad input — an invalid request carries its <see cref="Error"/>.</summary>
    public static CommandRequest Parse(ReadOnlySpan<byte> payload, Func<string> newId)
    {
        ArgumentNullException.ThrowIfNull(newId);
        var trimmed = payload.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return Invalid(newId(), string.Empty, "empty command");
        }

        return trimmed[0] == (byte)'{' ? ParseJson(trimmed, newId) : ParseText(trimmed, newId);
    }

    private static CommandRequest ParseText(ReadOnlySpan<byte> payload, Func<string> newId)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return Invalid(newId(), string.Empty, "the command is not UTF-8 text");
        }

        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return Build(newId(), words[0], words[1..], 0);
    }

    private static CommandRequest ParseJson(ReadOnlySpan<byte> payload, Func<string> newId)
    {
        string? id = null, name = null;
        var timeoutMs = 0;
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Invalid(newId(), string.Empty, "expected a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (!reader.Read())
                {
                    break;
                }

                var value = ScalarText(ref reader);
                if (value is null)
                {
                    return Invalid(id ?? newId(), name ?? string.Empty, $"'{key}' must be a string, number or boolean");
                }

                switch (key)
                {
                    case "id":
                        id = value;
                        break;
                    case "command":
                        name = value;
                        break;
                    case "timeoutMs" when int.TryParse(value, out var t) && t is > 0 and <= MaxTimeoutMs:
                        timeoutMs = t;
                        break;
                    case "timeoutMs":
                        return Invalid(id ?? newId(), name ?? string.Empty, $"timeoutMs must be 1–{MaxTimeoutMs}");
                    default:
                        args[key] = value;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return Invalid(id ?? newId(), name ?? string.Empty, $"not valid JSON: {e.Message}");
        }

        id ??= newId();
        if (string.IsNullOrEmpty(name))
        {
            return Invalid(id, string.Empty, "missing \"command\"");
        }

        return Build(id, name, PositionalArgs(name, args), timeoutMs);
    }

    private static string[] PositionalArgs(string name, Dictionary<string, string> args)
    {
        string[] keys = name switch
        {
            "interval" => ["ms"],
            "out" => ["pin", "state"],
            "identify" => ["seconds"],
            _ => [],
        };
        var positional = new List<string>(keys.Length);
        foreach (var key in keys)
        {
            if (args.Remove(key, out var v))
            {
                positional.Add(v);
            }
        }

        // Unknown or missing keys make the argument count wrong, which BoardCommand reports with usage.
        foreach (var extra in args.Values)
        {
            positional.Add(extra);
        }

        return [.. positional];
    }

    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "1",
        JsonTokenType.False => "0",
        _ => null,
    };

    private static CommandRequest Build(string id, string name, IReadOnlyList<string> args, int timeoutMs) =>
        BoardCommand.TryParse(name, args, out var command, out var error)
            ? new CommandRequest(id, name, command, timeoutMs, string.Empty)
            : Invalid(id, name, error);

    private static CommandRequest Invalid(string id, string name, string error) => new(id, name, null, 0, error);
}
