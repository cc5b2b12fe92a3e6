using System.Collections.Immutable;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// An operation Cumulocity pushed on <c>s/ds</c> for the gateway or one of its children. Static rows
/// carry no operation id: the gateway answers with <c>501</c>/<c>502</c>/<c>503</c> and
/// <see cref="Fragment"/> on the topic of <see cref="DeviceId"/>.
/// </summary>
/// <param name="TemplateId">The static template it came as, e.g. <c>510</c>.</param>
/// <param name="DeviceId">The external id of the device it is for (field 2 of the row).</param>
/// <param name="Fragment">The operation's fragment, e.g. <c>c8y_Restart</c>.</param>
public abstract record DeviceOperation(string TemplateId, string DeviceId, string Fragment);

/// <summary><c>510</c>: restart the device.</summary>
public sealed record RestartOperation(string DeviceId) : DeviceOperation("510", DeviceId, "c8y_Restart");

/// <summary><c>511</c>: run a shell command; answer with the output in <c>503,c8y_Command,…</c>.</summary>
public sealed record CommandOperation(string DeviceId, string Text) : DeviceOperation("511", DeviceId, "c8y_Command");

/// <summary><c>513</c>: apply a text configuration; report it with <c>113</c> before <c>503</c>.</summary>
public sealed record ConfigurationOperation(string DeviceId, string Text) : DeviceOperation("513", DeviceId, "c8y_Configuration");

/// <summary><c>515</c>: install firmware; report it with <c>115</c> before <c>503</c>.</summary>
public sealed record FirmwareOperation(string DeviceId, string Name, string Version, string Url)
    : DeviceOperation("515", DeviceId, "c8y_Firmware")
{
    /// <summary>The url that means the device finds the binary itself.</summary>
    public const string ProvidedUrl = "$PROVIDED";

    /// <summary>Whether <see cref="Url"/> is <see cref="ProvidedUrl"/>.</summary>
    public bool IsProvided => Url == ProvidedUrl;
}

/// <summary><c>517</c>: take a measurement now.</summary>
public sealed record MeasurementRequestOperation(string DeviceId, string RequestName)
    : DeviceOperation("517", DeviceId, "c8y_MeasurementRequestOperation");

/// <summary><c>518</c>: switch the relay.</summary>
public sealed record RelayOperation(string DeviceId, RelayState State) : DeviceOperation("518", DeviceId, "c8y_Relay");

/// <summary><c>519</c>: switch each relay of an array; answer with the states in <c>503,c8y_RelayArray,…</c>.</summary>
public sealed record RelayArrayOperation(string DeviceId, ImmutableArray<RelayState> States)
    : DeviceOperation("519", DeviceId, "c8y_RelayArray")
{
    /// <inheritdoc />
    public bool Equals(RelayArrayOperation? other) =>
        other is not null && DeviceId == other.DeviceId && States.AsSpan().SequenceEqual(other.States.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DeviceId, States.Length);
}

/// <summary>
/// A static operation the gateway does not carry out (520–530, 516): answer <c>501</c> then
/// <c>502,&lt;fragment&gt;,"not supported"</c> so it does not stay PENDING.
/// </summary>
public sealed record UnsupportedOperation(string TemplateId, string DeviceId, string Fragment, ImmutableArray<string> Parameters)
    : DeviceOperation(TemplateId, DeviceId, Fragment)
{
    /// <inheritdoc />
    public bool Equals(UnsupportedOperation? other) =>
        other is not null && TemplateId == other.TemplateId && DeviceId == other.DeviceId && Fragment == other.Fragment &&
        Parameters.AsSpan().SequenceEqual(other.Parameters.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TemplateId, DeviceId, Parameters.Length);
}
