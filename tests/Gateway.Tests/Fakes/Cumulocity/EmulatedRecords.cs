using System.Collections.Immutable;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>One value of a measurement.</summary>
public sealed record EmulatedSeries(string Fragment, string Series, double Value, string Unit);

/// <summary>A stored measurement (200, 201, 210–212); <see cref="Time"/> is null when the device left it to the server.</summary>
public sealed record EmulatedMeasurement(string DeviceId, string Type, DateTimeOffset? Time, ImmutableArray<EmulatedSeries> Series)
{
    /// <summary>The value of <paramref name="fragment"/>/<paramref name="series"/>, or null.</summary>
    public EmulatedSeries? Find(string fragment, string series) =>
        Series.FirstOrDefault(s => s.Fragment == fragment && s.Series == series);
}

/// <summary>A stored event (400, 401, 402, and a last will's).</summary>
public sealed record EmulatedEvent(string DeviceId, string Type, string Text, DateTimeOffset? Time);

/// <summary>Something a client did that Cumulocity would refuse or report on <c>s/e</c>.</summary>
/// <param name="ClientId">The MQTT client id.</param>
/// <param name="Topic">The topic published or subscribed to; empty for a CONNECT.</param>
/// <param name="Row">The offending row or payload (cut to 200 characters).</param>
/// <param name="Code">The <c>s/e</c> code: 41 template or processing error, 42 malformed, 45 wrong arguments.</param>
/// <param name="TemplateId">The row's template id, when there is one.</param>
/// <param name="Message">What is wrong.</param>
public sealed record CumulocityViolation(string ClientId, string Topic, string Row, int Code, string TemplateId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"[{ClientId} → {Topic}] {Code},{TemplateId},{Message} — row: {Row}";
}

/// <summary>A CONNECT the emulator answered with a refusal.</summary>
public sealed record RefusedConnection(string ClientId, string UserName, MQTTnet.Protocol.MqttConnectReasonCode ReasonCode, string Reason);

/// <summary>A publish a client sent, or a last will the server published for it.</summary>
public sealed record UpstreamMessage(string ClientId, string Topic, string Payload);

/// <summary>A publish the emulator sent to a client (<c>s/ds</c>, <c>s/e</c>, <c>s/dcr</c>).</summary>
public sealed record DownstreamMessage(string ClientId, string Topic, string Payload);

/// <summary>Device credentials: the MQTT user name is <c>&lt;tenant&gt;/&lt;user&gt;</c>.</summary>
public sealed record EmulatedCredentials(string Tenant, string User, string Password)
{
    /// <summary>The MQTT user name.</summary>
    public string UserName => $"{Tenant}/{User}";
}
