using System.Security.Cryptography.X509Certificates;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>CONNECT checks, one connection per device, subscriptions.</summary>
public sealed partial class CumulocityEmulator
{
    private const string BootstrapUser = "management/devicebootstrap";

    private static readonly HashSet<string> DeviceSubscriptions = new(StringComparer.Ordinal)
    {
        "s/ds", "s/e", "s/dt", "s/dd", "s/dat", "error", "devicecontrol/notifications",
    };

    private static readonly HashSet<string> BootstrapSubscriptions = new(StringComparer.Ordinal) { "s/dcr", "s/e" };

    private readonly List<RefusedConnection> _refused = [];

    /// <summary>CONNECTs that were refused, oldest first.</summary>
    public IReadOnlyList<RefusedConnection> RefusedConnections
    {
        get
        {
            lock (_gate)
            {
                return [.. _refused];
            }
        }
    }

    private async Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ProtocolVersion != MqttProtocolVersion.V311)
        {
            Refuse(e, MqttConnectReasonCode.UnsupportedProtocolVersion, $"MQTT {e.ProtocolVersion} is not supported; use 3.1.1");
            return;
        }

        if (!ClientIdentity.TryParse(e.ClientId ?? string.Empty, out var identity, out var why))
        {
            Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, why);
            return;
        }

        var bootstrap = false;
        if (e.ClientCertificate is { } certificate)
        {
            if (!CertificateAccepted(certificate, identity, out why))
            {
                Refuse(e, MqttConnectReasonCode.NotAuthorized, why);
                return;
            }
        }
        else if (e.UserName == BootstrapUser)
        {
            if (e.Password != _options.BootstrapPassword)
            {
                Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "wrong bootstrap password");
                return;
            }

            bootstrap = true;
        }
        else if (!CredentialsAccepted(e.UserName, e.Password, out why))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, why);
            return;
        }

        var session = new ClientSession(e.ClientId!, identity, e.UserName ?? string.Empty, bootstrap);
        e.SessionItems[SessionKey] = session;
        if (e.CleanSession == false)
        {
            AddViolation(session, string.Empty, string.Empty, 0, string.Empty, "clean session must be true: Cumulocity keeps no persistent sessions");
        }

        // One connection per device identifier: 'abc' and 'd:abc' are the same device; the newer one wins. The
        // older one is closed like a dropped connection (its will is sent), and completely, before the newer
        // one is set up: the server would otherwise delete the newer session when it cleans up the older one.
        List<ClientSession> displaced;
        lock (_gate)
        {
            displaced = [.. _sessions.Where(s => s.DeviceId == identity.DeviceId)];
        }

        foreach (var older in displaced)
        {
            try
            {
                await _server.DisconnectClientAsync(older.ClientId, MqttDisconnectReasonCode.SessionTakenOver);
            }
            catch (InvalidOperationException)
            {
                // It went away by itself meanwhile.
            }

            await older.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private bool CertificateAccepted(X509Certificate2 certificate, ClientIdentity identity, out string why)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        lock (_gate)
        {
            chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, false);
        why = !chain.Build(certificate) ? $"certificate '{certificate.Subject}' does not chain to a trusted certificate"
            : commonName.Contains(':', StringComparison.Ordinal) ? $"certificate CN '{commonName}' contains ':'"
            : commonName != identity.DeviceId ? $"certificate CN '{commonName}' is not the device identifier '{identity.DeviceId}'"
            : string.Empty;
        return why.Length == 0;
    }

    private bool CredentialsAccepted(string? userName, string? password, out string why)
    {
        var slash = userName?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (userName is null || slash < 0)
        {
            why = $"user name '{userName}' is not <tenant>/<user>";
            return false;
        }

        var tenant = userName[..slash];
        var user = userName[(slash + 1)..];
        lock (_gate)
        {
            why = tenant != Tenant ? $"unknown tenant '{tenant}'"
                : !_users.TryGetValue(user, out var expected) || expected != password ? $"bad user name or password for '{userName}'"
                : string.Empty;
        }

        return why.Length == 0;
    }

    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason)
    {
        e.ReasonCode = code;
        lock (_gate)
        {
            _refused.Add(new RefusedConnection(e.ClientId ?? string.Empty, e.UserName ?? string.Empty, code, reason));
        }

        Changed();
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        if (SessionOf(e.SessionItems) is { } session)
        {
            lock (_gate)
            {
                session.Connected = true;
                _sessions.Add(session);
                _acceptedConnections++;
            }

            Changed();
        }

        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (SessionOf(e.SessionItems) is { } session)
        {
            lock (_gate)
            {
                session.Connected = false;
                _sessions.Remove(session);
                RefreshConnectionStatuses();
            }

            session.Closed.TrySetResult();
            Changed();
        }

        return Task.CompletedTask;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (SessionOf(e.SessionItems) is not { } session)
        {
            return Task.CompletedTask;
        }

        var topic = e.TopicFilter.Topic;
        var allowed = session.IsBootstrap ? BootstrapSubscriptions : DeviceSubscriptions;
        if (!allowed.Contains(topic) && !(!session.IsBootstrap && topic.StartsWith("s/dc/", StringComparison.Ordinal)))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.UnspecifiedError;
            AddViolation(session, topic, string.Empty, 41, string.Empty, session.IsBootstrap
                ? $"a bootstrap connection may subscribe to s/dcr only, not '{topic}'"
                : $"subscribing to '{topic}' is not allowed (upstream topics and wildcards are refused)");
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            session.Status = e.Session;
        }

        return Task.CompletedTask;
    }

    private Task OnClientSubscribedAsync(ClientSubscribedTopicEventArgs e)
    {
        if (SessionOf(e.SessionItems) is not { } session)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            session.Subscriptions[e.TopicFilter.Topic] = e.TopicFilter.QualityOfServiceLevel;
            if (!session.IsBootstrap && e.TopicFilter.Topic == "s/ds")
            {
                RefreshConnectionStatuses();
                if (_options.PushPendingOnSubscribe && _devices.TryGetValue(session.DeviceId, out var device))
                {
                    PushPending(device);
                }
            }
        }

        Changed();
        return Task.CompletedTask;
    }

    private Task OnClientUnsubscribedAsync(ClientUnsubscribedTopicEventArgs e)
    {
        if (SessionOf(e.SessionItems) is { } session)
        {
            lock (_gate)
            {
                session.Subscriptions.Remove(e.TopicFilter);
                RefreshConnectionStatuses();
            }

            Changed();
        }

        return Task.CompletedTask;
    }

    private void RefreshConnectionStatuses()
    {
        foreach (var device in _devices.Values.Where(d => d.ParentId is null))
        {
            var connected = _sessions.Any(s => !s.IsBootstrap && s.DeviceId == device.ExternalId && s.Subscriptions.ContainsKey("s/ds"));
            device.ConnectionStatus = connected ? "CONNECTED" : "DISCONNECTED";
        }
    }
}
