using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Gateway.Configuration;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Logging;
using Gateway.Uplink.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// How the gateway connects to Cumulocity: the transport (TLS by default), the client id, the
/// credentials of the chosen authentication, the last will; and device bootstrap, which obtains the
/// credentials first when there are none yet. Configuration problems found here (a certificate whose CN
/// is not the client id, a credentials file others can read) are thrown as
/// <see cref="Hosting.GatewayConfigurationException"/>, which stops the gateway with the fix.
/// </summary>
internal sealed class CumulocityConnector
{
    /// <summary>The last will and the graceful-stop event, the documented convention.</summary>
    public static readonly string WillRow = UpstreamRows.Event("c8y_ConnectionEvent", "Device connection was lost.").Text;

    private readonly CumulocityOptions _options;
    private readonly string _credentialsPath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private BootstrapCredentials? _credentials;

    public CumulocityConnector(CumulocityOptions options, string clientId, string dataDirectory, TimeProvider time, ILogger logger)
    {
        _options = options;
        ClientId = clientId;
        _credentialsPath = options.CredentialsFile.Length > 0 ? options.CredentialsFile : Path.Combine(dataDirectory, "cumulocity", "credentials");
        _time = time;
        _logger = logger;
    }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    /// <summary>host:port, for logs.</summary>
    public string Endpoint => $"{_options.Host}:{_options.EffectivePort}";

    /// <summary>Checks what can be checked before connecting; throws a configuration error with the fix.</summary>
    public void Validate()
    {
        try
        {
            switch (_options.Auth)
            {
                case CumulocityAuth.Basic when _options.Password.Length == 0:
                    _credentials = CredentialsFile.Read(_credentialsPath, "Cumulocity:CredentialsFile");
                    break;
                case CumulocityAuth.Basic:
                    _credentials = new BootstrapCredentials(_options.Tenant, _options.User, _options.Password);
                    break;
                case CumulocityAuth.Certificate:
                    if (DeviceCertificateCheck.Problem(_options.Tls.CertFile, ClientId, _time.GetUtcNow()) is { } problem)
                    {
                        throw new CredentialsFileException(problem);
                    }

                    break;
                case CumulocityAuth.Bootstrap:
                    _credentials = File.Exists(_credentialsPath) ? CredentialsFile.Read(_credentialsPath, "Cumulocity:CredentialsFile") : null;
                    _ = BootstrapPassword();
                    break;
            }

            _ = Channel();
        }
        catch (Exception e) when (e is CredentialsFileException or SecretFileExposedException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new Hosting.GatewayConfigurationException(e.Message, e);
        }
    }

    /// <summary>Connects as the device, with bootstrap first when it has no credentials yet.</summary>
    /// <exception cref="MqttConnectRefusedException">Cumulocity refused the connection.</exception>
    public async Task<MqttLink> ConnectAsync(IMqttLinkObserver observer, CancellationToken cancellationToken)
    {
        if (_options.Auth == CumulocityAuth.Bootstrap && _credentials is null)
        {
            _credentials = await BootstrapAsync(cancellationToken);
        }

        var options = LinkOptions(_credentials?.UserName, _credentials is null ? null : Encoding.UTF8.GetBytes(_credentials.Password)) with
        {
            Will = new MqttWill(SmartRestTopics.Upstream, Encoding.UTF8.GetBytes(WillRow), Retain: false),
            MaxInFlight = _options.MaxInFlight,
        };
        return await MqttLink.ConnectAsync(options, observer, _time, cancellationToken);
    }

    /// <summary>A clean MQTT 3.1.1 session to the tenant with this client id, as <paramref name="user"/>.</summary>
    private MqttLinkOptions LinkOptions(string? user, byte[]? password) => new()
    {
        Channel = Channel(),
        Endpoint = Endpoint,
        ClientId = ClientId,
        CleanSession = true,
        KeepAlive = TimeSpan.FromSeconds(_options.KeepAliveSeconds),
        Username = user,
        Password = password,
    };

    /// <summary>
    /// Device bootstrap: connects as the bootstrap user with the client id, subscribes <c>s/dcr</c> and
    /// publishes empty messages on <c>s/ucr</c> until <c>70,tenant,user,password</c> arrives (the operator
    /// accepted the device), then stores the credentials in the 0600 credentials file.
    /// </summary>
    private async Task<BootstrapCredentials> BootstrapAsync(CancellationToken cancellationToken)
    {
        var replies = System.Threading.Channels.Channel.CreateUnbounded<MqttPublishPacket>();
        var options = LinkOptions(_options.BootstrapUser, Encoding.UTF8.GetBytes(BootstrapPassword()));
        await using var link = await MqttLink.ConnectAsync(options, new ReplyObserver(replies.Writer), _time, cancellationToken);
        await link.SubscribeAsync([SmartRestTopics.BootstrapCredentials], cancellationToken);
        Log.CumulocityBootstrapWaiting(_logger, ClientId, _options.BootstrapPollSeconds);
        while (true)
        {
            await link.PublishAndWaitAsync(SmartRestTopics.BootstrapRequest, ReadOnlyMemory<byte>.Empty, retain: false, cancellationToken);
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            poll.CancelAfter(TimeSpan.FromSeconds(_options.BootstrapPollSeconds));
            try
            {
                var closed = link.Closed;
                while (true)
                {
                    var next = replies.Reader.ReadAsync(poll.Token).AsTask();
                    if (await Task.WhenAny(next, closed) == closed)
                    {
                        throw new IOException($"the bootstrap connection closed: {closed.Result}");
                    }

                    var reply = await next;
                    if (SmartRestReader.TryReadAll(reply.Payload.ToArray(), SmartRestQuoteEscape.DoubledOrBackslash, out var rows, out _))
                    {
                        foreach (var row in rows)
                        {
                            if (SmartRestDecoder.TryDecodeCredentials(row, out var credentials, out _))
                            {
                                CredentialsFile.Write(_credentialsPath, credentials);
                                Log.CumulocityBootstrapDone(_logger, credentials.UserName, _credentialsPath);
                                await link.DisconnectAsync(CancellationToken.None);
                                return credentials;
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not accepted yet: ask again.
            }
        }
    }

    private string BootstrapPassword() =>
        _options.BootstrapPasswordFile.Length > 0
            ? ReadSecret(_options.BootstrapPasswordFile, "Cumulocity:BootstrapPasswordFile")
            : _options.BootstrapPassword;

    private static string ReadSecret(string path, string key)
    {
        CredentialsFile.EnsurePrivate(path, key);
        return File.ReadAllText(path).TrimEnd('\r', '\n');
    }

    private MqttClientOptions Channel()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.EffectivePort)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(15));
        var tls = _options.Tls;
        if (_options.Auth != CumulocityAuth.Certificate && tls.CertFile.Length > 0)
        {
            // A client certificate wins over a password on Cumulocity: send none unless it is the chosen way.
            tls = new TlsOptions { Enabled = tls.Enabled, CaFile = tls.CaFile, ServerName = tls.ServerName };
        }

        MqttSecurity.ApplyTls(builder, tls, _options.Host, "Cumulocity:Tls");
        return MqttLink.BuildChannel(builder);
    }

    private sealed class ReplyObserver(ChannelWriter<MqttPublishPacket> replies) : IMqttLinkObserver
    {
        public void PublishAcknowledged(long token)
        {
        }

        public void WindowOpened()
        {
        }

        public void MessageReceived(MqttPublishPacket message) => replies.TryWrite(message);
    }
}
