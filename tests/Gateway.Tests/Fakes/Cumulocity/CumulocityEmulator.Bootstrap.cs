using System.Security.Cryptography;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>
/// Device bootstrap: a device connected as <c>management/devicebootstrap</c> publishes empty messages on
/// <c>s/ucr</c>; once the operator (the test) accepts it, the next one is answered on <c>s/dcr</c> with
/// <c>70,tenant,user,password</c>, once.
/// </summary>
public sealed partial class CumulocityEmulator
{
    private readonly HashSet<string> _bootstrapRequests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedCredentials> _acceptedBootstraps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deliveredBootstraps = new(StringComparer.Ordinal);

    /// <summary>Device ids that asked for credentials on <c>s/ucr</c>.</summary>
    public IReadOnlyCollection<string> BootstrapRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _bootstrapRequests];
            }
        }
    }

    /// <summary>Whether the credentials of <paramref name="deviceId"/> were handed out.</summary>
    public bool BootstrapDelivered(string deviceId)
    {
        lock (_gate)
        {
            return _deliveredBootstraps.Contains(deviceId);
        }
    }

    /// <summary>
    /// Accepts the device's request (before or after it asks): creates its device user
    /// <c>device_&lt;id&gt;</c> with a fresh password, valid from now on, and returns the credentials.
    /// </summary>
    public EmulatedCredentials AcceptBootstrap(string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        lock (_gate)
        {
            if (!_acceptedBootstraps.TryGetValue(deviceId, out var credentials))
            {
                credentials = new EmulatedCredentials(Tenant, $"device_{deviceId}", Convert.ToHexString(RandomNumberGenerator.GetBytes(12)));
                _acceptedBootstraps.Add(deviceId, credentials);
                _users[credentials.User] = credentials.Password;
            }

            return credentials;
        }
    }

    private void ProcessBootstrapRequest(ClientSession session, string topic, byte[] payload)
    {
        if (topic != "s/ucr")
        {
            AddViolation(session, topic, Preview(payload), 41, string.Empty, $"a bootstrap connection may publish on s/ucr only, not '{topic}'");
            return;
        }

        if (payload.Length > 0)
        {
            AddViolation(session, topic, Preview(payload), 42, string.Empty, "a credentials request on s/ucr is an empty message");
            return;
        }

        _bootstrapRequests.Add(session.DeviceId);
        if (_acceptedBootstraps.TryGetValue(session.DeviceId, out var credentials) &&
            !_deliveredBootstraps.Contains(session.DeviceId) &&
            session.Subscriptions.ContainsKey("s/dcr"))
        {
            SendTo(session, "s/dcr", WireCsv.WriteRow(["70", credentials.Tenant, credentials.User, credentials.Password]));
            _deliveredBootstraps.Add(session.DeviceId);
        }
    }
}
