using System.Collections.Immutable;

namespace Gateway.Core.Operations;

/// <summary>How a board command ended.</summary>
public enum CommandStatus
{
    /// <summary>The board acknowledged it.</summary>
    Ok,

    /// <summary>The board refused it (a nak).</summary>
    Rejected,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>The board is not connected.</summary>
    Offline,

    /// <summary>The request itself was not valid.</summary>
    Invalid,
}

/// <summary>The outcome of a board command: status, the ack's fields or the reason it failed.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Fields">The ack's key/value fields (empty unless <see cref="CommandStatus.Ok"/>).</param>
/// <param name="Reason">A short machine-readable reason (nak reason, <c>timeout</c>, …), empty when ok.</param>
/// <param name="Text">A human-readable explanation, possibly empty.</param>
public sealed record CommandOutcome(
    CommandStatus Status,
    ImmutableArray<KeyValuePair<string, string>> Fields,
    string Reason,
    string Text)
{
    /// <summary>An acknowledgement with its fields.</summary>
    public static CommandOutcome Acknowledged(ImmutableArray<KeyValuePair<string, string>> fields) =>
        new(CommandStatus.Ok, fields, string.Empty, string.Empty);

    /// <summary>A failure of the given kind.</summary>
    public static CommandOutcome Failed(CommandStatus status, string reason, string text) =>
        new(status, [], reason, text);

    /// <summary>The value of an ack field, or null.</summary>
    public string? Field(string key)
    {
        foreach (var pair in Fields)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>A one-line description for logs and failure reasons.</summary>
    public string Describe() => Status switch
    {
        CommandStatus.Ok => "ok",
        _ when Text.Length > 0 => $"{Reason}: {Text}",
        _ => Reason,
    };
}
