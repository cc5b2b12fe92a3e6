using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Uplink.Mqtt;

/// <summary>What an <see cref="MqttLink"/> connects to and how: MQTT 3.1.1, QoS 1 publishing.</summary>
internal sealed record MqttLinkOptions
{
    /// <summary>Transport (host, port, TLS) as MQTTnet's client options; only the channel part is used.</summary>
    public required MqttClientOptions Channel { get; init; }

    /// <summary>For log messages: host:port.</summary>
    public required string Endpoint { get; init; }

    public required string ClientId { get; init; }

    public bool CleanSession { get; init; } = true;

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    public string? Username { get; init; }

    public byte[]? Password { get; init; }

    /// <summary>The last will, if any.</summary>
    public MqttWill? Will { get; init; }

    /// <summary>Publishes that may await their PUBACK at once (below 65,535).</summary>
    public int MaxInFlight { get; init; } = 100;

    /// <summary>How long CONNECT may wait for CONNACK and SUBSCRIBE for SUBACK.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>A last will: published by the broker when the connection breaks without a DISCONNECT.</summary>
/// <param name="Topic">Where.</param>
/// <param name="Payload">What.</param>
/// <param name="Retain">Whether retained.</param>
/// <param name="Qos">At which QoS.</param>
internal sealed record MqttWill(string Topic, byte[] Payload, bool Retain, MqttQualityOfServiceLevel Qos = MqttQualityOfServiceLevel.AtLeastOnce);
