namespace Gateway.Configuration;

/// <summary>
/// The <c>Cumulocity</c> section: the Cumulocity IoT uplink over MQTT 3.1.1 and SmartREST 2.0. It runs
/// next to the local broker uplink; the gateway is one device and every board is its child.
/// </summary>
public sealed class CumulocityOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Cumulocity";

    /// <summary>Whether to connect to Cumulocity.</summary>
    public bool Enabled { get; set; }

    /// <summary>The MQTT endpoint, e.g. <c>mqtt.eu-latest.cumulocity.com</c> or <c>acme.cumulocity.com</c>.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Port; 0 means 8883 with TLS, 1883 without.</summary>
    public int Port { get; set; }

    /// <summary>TLS (on by default; certificate authentication needs it). The client chain goes leaf first, then intermediates, then the CA.</summary>
    public TlsOptions Tls { get; set; } = new() { Enabled = true };

    /// <summary>The MQTT client id and the device's external id (<c>c8y_Serial</c>). Empty: the gateway id. Must not contain ':'.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>How the gateway authenticates.</summary>
    public CumulocityAuth Auth { get; set; } = CumulocityAuth.Basic;

    /// <summary>Tenant id for basic authentication, e.g. <c>t12345</c> (or in <see cref="CredentialsFile"/>).</summary>
    public string Tenant { get; set; } = string.Empty;

    /// <summary>Device user for basic authentication, e.g. <c>device_gw-1</c> (or in <see cref="CredentialsFile"/>).</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>Password for basic authentication. Prefer <see cref="CredentialsFile"/>, which is kept private.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>
    /// A file with <c>tenant=</c>, <c>user=</c> and <c>password=</c> lines, mode 0600. Bootstrap writes it.
    /// Empty: <c>&lt;Gateway:DataDirectory&gt;/cumulocity/credentials</c>.
    /// </summary>
    public string CredentialsFile { get; set; } = string.Empty;

    /// <summary>The bootstrap user (the same on every Cumulocity instance).</summary>
    public string BootstrapUser { get; set; } = "management/devicebootstrap";

    /// <summary>A file holding the bootstrap password (mode 0600), for <see cref="CumulocityAuth.Bootstrap"/>.</summary>
    public string BootstrapPasswordFile { get; set; } = string.Empty;

    /// <summary>The bootstrap password, when no file is used.</summary>
    public string BootstrapPassword { get; set; } = string.Empty;

    /// <summary>How often to ask for credentials while waiting for the operator to accept the device, in seconds.</summary>
    public int BootstrapPollSeconds { get; set; } = 5;

    /// <summary>The device name shown in Cumulocity. Empty: <c>Gateway:Name</c>, else the client id.</summary>
    public string DeviceName { get; set; } = string.Empty;

    /// <summary>The gateway's device type.</summary>
    public string DeviceType { get; set; } = "c8y_EdgeGateway";

    /// <summary>The type of each board's child device.</summary>
    public string ChildType { get; set; } = "c8y_ArduinoBoard";

    /// <summary><c>c8y_RequiredAvailability</c> of the gateway, in minutes (set only when the device has none).</summary>
    public int RequiredIntervalMinutes { get; set; } = 10;

    /// <summary><c>c8y_RequiredAvailability</c> of each board, in minutes.</summary>
    public int ChildRequiredIntervalMinutes { get; set; } = 10;

    /// <summary>The type of every measurement.</summary>
    public string MeasurementType { get; set; } = "c8y_SensorReading";

    /// <summary>Where a sensor's values go, by sensor name (any case); others follow the built-in table (temperature → c8y_Temperature/T, …).</summary>
    public Dictionary<string, CumulocitySeriesOptions> Measurements { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Threshold alarms evaluated on the gateway.</summary>
    public List<ThresholdRuleOptions> Thresholds { get; set; } = [];

    /// <summary>Operations from Cumulocity.</summary>
    public CumulocityOperationOptions Operations { get; set; } = new();

    /// <summary>Keep-alive interval in seconds.</summary>
    public int KeepAliveSeconds { get; set; } = 60;

    /// <summary>Publishes that may wait for their PUBACK at once.</summary>
    public int MaxInFlight { get; set; } = 20;

    /// <summary>Shortest reconnect delay in milliseconds.</summary>
    public int ReconnectMinMs { get; set; } = 1000;

    /// <summary>Longest reconnect delay in milliseconds (Cumulocity disconnects clients that exceed its rate; back off far).</summary>
    public int ReconnectMaxMs { get; set; } = 120_000;

    /// <summary>The port in effect.</summary>
    public int EffectivePort => Port != 0 ? Port : Tls.Enabled ? 8883 : 1883;
}

/// <summary>How the gateway authenticates to Cumulocity.</summary>
public enum CumulocityAuth
{
    /// <summary><c>tenant/user</c> and password, from configuration or the credentials file.</summary>
    Basic,

    /// <summary>A device certificate (mutual TLS); its CN must equal the client id.</summary>
    Certificate,

    /// <summary>Basic with the credentials file, obtained first by device bootstrap when the file does not exist.</summary>
    Bootstrap,
}

/// <summary>Where one sensor's values go.</summary>
public sealed class CumulocitySeriesOptions
{
    /// <summary>E.g. <c>c8y_Temperature</c>.</summary>
    public string Fragment { get; set; } = string.Empty;

    /// <summary>E.g. <c>T</c>.</summary>
    public string Series { get; set; } = string.Empty;

    /// <summary>A unit that replaces the board's. Empty: the board's.</summary>
    public string Unit { get; set; } = string.Empty;
}

/// <summary>
/// A threshold alarm: raised once when a sensor's value goes above <see cref="Above"/> (or below
/// <see cref="Below"/>), cleared once it is back inside by <see cref="Hysteresis"/>.
/// </summary>
public sealed class ThresholdRuleOptions
{
    /// <summary>The sensor name, as in the board's hello (e.g. <c>temp</c>).</summary>
    public string Sensor { get; set; } = string.Empty;

    /// <summary>Only this board (its device id). Empty: every board.</summary>
    public string Device { get; set; } = string.Empty;

    /// <summary>Raise when the value is above this.</summary>
    public double? Above { get; set; }

    /// <summary>Raise when the value is below this.</summary>
    public double? Below { get; set; }

    /// <summary>How far back inside the value must come before the alarm clears.</summary>
    public double Hysteresis { get; set; }

    /// <summary>CRITICAL, MAJOR, MINOR or WARNING.</summary>
    public string Severity { get; set; } = "MAJOR";

    /// <summary>The alarm type. Empty: <c>c8y_&lt;Sensor&gt;High</c> or <c>…Low</c>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The alarm text. Empty: one naming the sensor, value and limit.</summary>
    public string Text { get; set; } = string.Empty;
}

/// <summary>How operations from Cumulocity are carried out.</summary>
public sealed class CumulocityOperationOptions
{
    /// <summary>How long an operation for an offline board waits for it before it fails, in seconds.</summary>
    public int OfflineTimeoutSeconds { get; set; } = 60;

    /// <summary>Whether <c>c8y_Command</c> may run shell commands on the gateway itself.</summary>
    public bool GatewayCommandsEnabled { get; set; }

    /// <summary>The exact command lines <c>c8y_Command</c> may run on the gateway; nothing else runs.</summary>
    public List<string> GatewayCommandAllowlist { get; set; } = [];

    /// <summary>
    /// Where <c>c8y_Configuration</c> for the gateway writes its JSON text (e.g. /etc/gateway/gateway.json, in
    /// effect after the next restart). Empty: the gateway does not take configuration operations.
    /// </summary>
    public string ConfigurationFile { get; set; } = string.Empty;

    /// <summary>How long a gateway command may run, in seconds.</summary>
    public int GatewayCommandTimeoutSeconds { get; set; } = 30;
}
