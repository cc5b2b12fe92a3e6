namespace Gateway.Configuration;

/// <summary>The <c>Mqtt</c> section: the local broker uplink.</summary>
public sealed class MqttOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Mqtt";

    /// <summary>Whether to forward to the local broker.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port; 0 means 1883, or 8883 with TLS.</summary>
    public int Port { get; set; }

    /// <summary>MQTT client id. Empty: the gateway id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>First topic level (ADR 0002).</summary>
    public string TopicPrefix { get; set; } = "gateway";

    /// <summary>Keep-alive interval in seconds.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>How many QoS 1 publishes may wait for their PUBACK at once (below 65,535).</summary>
    public int MaxInFlight { get; set; } = 100;

    /// <summary>Clean session (true) or a persistent session that keeps command subscriptions while offline (false).</summary>
    public bool CleanSession { get; set; }

    /// <summary>User name, if the broker asks for one.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>A file holding the password (must not be readable by others).</summary>
    public string PasswordFile { get; set; } = string.Empty;

    /// <summary>TLS settings.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>Shortest reconnect delay in milliseconds.</summary>
    public int ReconnectMinMs { get; set; } = 250;

    /// <summary>Longest reconnect delay in milliseconds.</summary>
    public int ReconnectMaxMs { get; set; } = 30_000;

    /// <summary>The port in effect.</summary>
    public int EffectivePort => Port != 0 ? Port : Tls.Enabled ? 8883 : 1883;
}

/// <summary>TLS for an MQTT connection.</summary>
public sealed class TlsOptions
{
    /// <summary>Whether to use TLS.</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA(s) that sign the broker's certificate. Empty: the system's trust store.</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>PEM file of the client certificate chain (leaf first), for mutual TLS.</summary>
    public string CertFile { get; set; } = string.Empty;

    /// <summary>PEM file of the client's private key (mode 0600 or stricter).</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>The name the broker's certificate must carry. Empty: the host name.</summary>
    public string ServerName { get; set; } = string.Empty;
}
