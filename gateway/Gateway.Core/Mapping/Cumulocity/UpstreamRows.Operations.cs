using System.Collections.Immutable;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>Operation status updates (5xx). Publish them on the topic of the device the operation is for.</summary>
public static partial class UpstreamRows
{
    /// <summary>The fragment of a shell command, whose result 503 carries.</summary>
    public const string CommandFragment = "c8y_Command";

    /// <summary>The fragment of a relay array, whose states 503 carries.</summary>
    public const string RelayArrayFragment = "c8y_RelayArray";

    /// <summary><c>500</c>: asks for every PENDING operation again; send after each (re)connect and subscribe.</summary>
    public static SmartRestRow PendingOperations() => Row("500");

    /// <summary><c>501,fragment</c>: the oldest PENDING operation of that fragment becomes EXECUTING.</summary>
    public static SmartRestRow Executing(string fragment) => Row("501", FieldRules.Mandatory(fragment, nameof(fragment)));

    /// <summary>
    /// <c>502,fragment,[reason]</c>: the oldest EXECUTING operation of that fragment becomes FAILED. The
    /// reason is cut to <see cref="SmartRestLimits.MaxFailureReasonBytes"/> UTF-8 bytes.
    /// </summary>
    public static SmartRestRow Failed(string fragment, string? reason) =>
        Row("502", FieldRules.Mandatory(fragment, nameof(fragment)), Reason(reason));

    /// <summary>
    /// <c>503,fragment,[parameter…]</c>: the oldest EXECUTING operation of that fragment becomes
    /// SUCCESSFUL. Each parameter is its own field.
    /// </summary>
    public static SmartRestRow Successful(string fragment, params IEnumerable<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fields = ImmutableArray.CreateBuilder<string>();
        fields.Add("503");
        fields.Add(FieldRules.Mandatory(fragment, nameof(fragment)));
        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            fields.Add(parameter);
        }

        return new SmartRestRow(fields.ToImmutable());
    }

    /// <summary><c>503,c8y_Command,result</c>: the command's output as one field (quoted when needed).</summary>
    public static SmartRestRow CommandSuccessful(string result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Row("503", CommandFragment, result);
    }

    /// <summary>
    /// <c>503,c8y_RelayArray,OPEN,CLOSED,…</c>: the states each in its own unquoted field (one quoted list
    /// is not understood).
    /// </summary>
    public static SmartRestRow RelayArraySuccessful(IEnumerable<RelayState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var texts = states.Select(RelayStates.ToText).ToList();
        return texts.Count == 0
            ? throw new ArgumentException("A relay array has at least one relay.", nameof(states))
            : Successful(RelayArrayFragment, texts);
    }

    /// <summary>
    /// <c>507,[fragment],[reason]</c>: every EXECUTING operation of that fragment (of any fragment when
    /// null) becomes FAILED, e.g. after a restart interrupted them.
    /// </summary>
    public static SmartRestRow FailAllExecuting(string? fragment, string? reason) =>
        Row("507", FieldRules.Optional(fragment), Reason(reason));

    private static string Reason(string? reason) =>
        SmartRestEncoding.TruncateUtf8(FieldRules.Optional(reason), SmartRestLimits.MaxFailureReasonBytes);
}
