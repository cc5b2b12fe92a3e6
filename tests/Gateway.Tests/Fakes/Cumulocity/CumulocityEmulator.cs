using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Server;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>
/// An in-process MQTT server on 127.0.0.1 that behaves like Cumulocity's core MQTT endpoint with
/// SmartREST 2.0 static templates: it checks CONNECTs, validates every upstream row, keeps an inventory
/// (devices, children, measurements, events, alarms, operations) and pushes operations on <c>s/ds</c>.
/// Everything Cumulocity would refuse or report on <c>s/e</c> is recorded in <see cref="Violations"/>.
/// Start one with <see cref="StartAsync"/>; disposing it stops it.
/// </summary>
public sealed partial class CumulocityEmulator : IAsyncDisposable, IDisposable
{
    private const string SessionKey = "cumulocity-emulator";

    private readonly Lock _gate = new();
    private readonly CumulocityEmulatorOptions _options;
    private readonly MqttServer _server;
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly X509Certificate2Collection _trusted = [];
    private readonly List<ClientSession> _sessions = [];
    private bool _running;
    private bool _disposed;
    private int _acceptedConnections;

    private CumulocityEmulator(CumulocityEmulatorOptions options, int port, int tlsPort, X509Certificate2? authority)
    {
        _options = options;
        Port = port;
        TlsPort = tlsPort;
        Authority = authority;
        foreach (var (user, password) in options.DeviceUsers)
        {
            _users[user] = password;
        }

        if (authority is not null)
        {
            _trusted.Add(authority);
        }

        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithPersistentSessions(false);
        if (authority is not null)
        {
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(tlsPort)
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
                .WithEncryptionCertificate(TestCertificates.IssueServer(authority))
                .WithRemoteCertificateValidationCallback(AcceptChainForConnectCheck);
        }

        var serverOptions = builder.Build();
        serverOptions.TlsEndpointOptions.ClientCertificateRequired = authority is not null; // asks for one; none is fine
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        _server.ClientSubscribedTopicAsync += OnClientSubscribedAsync;
        _server.ClientUnsubscribedTopicAsync += OnClientUnsubscribedAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
    }

    /// <summary>The address the emulator listens on.</summary>
    public static string Host { get; } = "127.0.0.1";

    /// <summary>The plain MQTT port.</summary>
    public int Port { get; }

    /// <summary>The TLS port, or 0 without <see cref="CumulocityEmulatorOptions.EnableTls"/>.</summary>
    public int TlsPort { get; }

    /// <summary>The CA that issued the server certificate and that device certificates must chain to; null without TLS.</summary>
    public X509Certificate2? Authority { get; }

    /// <summary>The tenant id.</summary>
    public string Tenant => _options.Tenant;

    /// <summary>The bootstrap password of <c>management/devicebootstrap</c>.</summary>
    public string BootstrapPassword => _options.BootstrapPassword;

    /// <summary>Whether the server is accepting connections ("the cloud is up").</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>How many clients are connected now.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>How many connections were accepted since the start.</summary>
    public int AcceptedConnections
    {
        get
        {
            lock (_gate)
            {
                return _acceptedConnections;
            }
        }
    }

    /// <summary>Starts an emulator on free loopback ports.</summary>
    public static async Task<CumulocityEmulator> StartAsync(CumulocityEmulatorOptions? options = null)
    {
        options ??= new CumulocityEmulatorOptions();
        var authority = options.EnableTls ? TestCertificates.CreateAuthority("Emulated Cumulocity CA") : null;
        var emulator = new CumulocityEmulator(options, options.Port != 0 ? options.Port : FreePort(), options.EnableTls ? FreePort() : 0, authority);
        await emulator.StartServerAsync();
        return emulator;
    }

    /// <summary>Adds a device user (what a device gets from bootstrap or bulk registration) and returns its credentials.</summary>
    public EmulatedCredentials AddDeviceUser(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        lock (_gate)
        {
            _users[user] = password;
        }

        return new EmulatedCredentials(Tenant, user, password);
    }

    /// <summary>A device certificate with CN <paramref name="commonName"/>, issued by <see cref="Authority"/>.</summary>
    public X509Certificate2 IssueDeviceCertificate(string commonName) =>
        TestCertificates.IssueDevice(Authority ?? throw new InvalidOperationException("Start the emulator with EnableTls."), commonName);

    /// <summary>
    /// Uploads a trusted certificate. Like Cumulocity (HTTP 422), one without <c>CA:true</c> is refused.
    /// </summary>
    public void TrustCertificate(X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var constraints = authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            throw new InvalidOperationException($"422: '{authority.Subject}' is not a CA certificate (BasicConstraints CA:true is required).");
        }

        lock (_gate)
        {
            _trusted.Add(authority);
        }
    }

    /// <summary>Stops the server: every client is disconnected and new connections are refused until <see cref="StartServerAsync"/>.</summary>
    public async Task StopServerAsync()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }

            _running = false;
        }

        await _server.StopAsync();
        lock (_gate)
        {
            foreach (var session in _sessions)
            {
                session.Connected = false;
            }

            _sessions.Clear();
            RefreshConnectionStatuses();
        }

        Changed();
    }

    /// <summary>Starts the server again on the same ports; the inventory is kept.</summary>
    public async Task StartServerAsync()
    {
        lock (_gate)
        {
            if (_running)
            {
                return;
            }
        }

        await _server.StartAsync();
        lock (_gate)
        {
            _running = true;
        }

        Changed();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopServerAsync();
        _server.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// TLS lets a client certificate through whether or not it chains to a trusted CA: Cumulocity judges it
    /// at CONNECT and answers CONNACK 5, which <see cref="CertificateAccepted"/> does. Other TLS errors fail
    /// the handshake.
    /// </summary>
    private static bool AcceptChainForConnectCheck(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNotAvailable)) == SslPolicyErrors.None;

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static ClientSession? SessionOf(System.Collections.IDictionary items) =>
        items.Contains(SessionKey) ? items[SessionKey] as ClientSession : null;
}
