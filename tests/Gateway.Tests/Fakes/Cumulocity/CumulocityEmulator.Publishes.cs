using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>Upstream publishes: topic rules, size, row syntax and template rules, then the inventory.</summary>
public sealed partial class CumulocityEmulator
{
    private static readonly string[] KnownButNotEmulated =
    [
        "s/uc/", "s/ud", "s/ut/", "s/uat", "event/events/create", "alarm/alarms/create", "measurement/measurements/create",
    ];

    private readonly List<UpstreamMessage> _upstream = [];
    private readonly List<DownstreamMessage> _downstream = [];

    /// <summary>Every publish clients sent (last wills included), oldest first.</summary>
    public IReadOnlyList<UpstreamMessage> Upstream
    {
        get
        {
            lock (_gate)
            {
                return [.. _upstream];
            }
        }
    }

    /// <summary>Every publish the emulator sent to clients, oldest first.</summary>
    public IReadOnlyList<DownstreamMessage> Downstream
    {
        get
        {
            lock (_gate)
            {
                return [.. _downstream];
            }
        }
    }

    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        e.ProcessPublish = false; // Cumulocity consumes what devices send; nothing is routed between clients.
        if (SessionOf(e.SessionItems) is not { } session)
        {
            return Task.CompletedTask;
        }

        var message = e.ApplicationMessage;
        var payload = message.Payload.ToArray();
        lock (_gate)
        {
            if (!_running)
            {
                return Task.CompletedTask; // a will fired while the cloud goes down is lost with it
            }

            _upstream.Add(new UpstreamMessage(session.ClientId, message.Topic, Encoding.UTF8.GetString(payload)));
            Process(session, message.Topic, payload, message.QualityOfServiceLevel);
        }

        Changed();
        return Task.CompletedTask;
    }

    private void Process(ClientSession session, string topic, byte[] payload, MqttQualityOfServiceLevel qos)
    {
        var packetSize = PacketSize(topic, payload.Length, qos);
        if (packetSize > 16_184)
        {
            AddViolation(session, topic, Preview(payload), 42, string.Empty, $"the packet is {packetSize} bytes; Cumulocity takes at most 16184");
            return;
        }

        if (session.IsBootstrap)
        {
            ProcessBootstrapRequest(session, topic, payload);
            return;
        }

        if (topic.StartsWith("inventory/managedObjects/update/", StringComparison.Ordinal))
        {
            ProcessInventoryUpdate(session, topic, payload);
            return;
        }

        if (!TryParseStaticTopic(topic, out var mode, out var childId))
        {
            var why = topic == "s/ucr" ? "s/ucr is for the bootstrap connection only"
                : KnownButNotEmulated.Any(t => topic.StartsWith(t, StringComparison.Ordinal)) ? $"'{topic}' is a Cumulocity topic the emulator does not handle"
                : $"devices may not publish on '{topic}'";
            AddViolation(session, topic, Preview(payload), 41, string.Empty, why);
            return;
        }

        var device = ResolveTarget(session, topic, childId, payload);
        if (device is null)
        {
            return;
        }

        var rows = WireCsv.ReadRows(payload);
        if (rows.Count == 0)
        {
            AddViolation(session, topic, string.Empty, 42, string.Empty, "the publish holds no row");
        }

        foreach (var (text, fields, error) in rows)
        {
            var templateId = text.Split(',')[0];
            if (fields is null)
            {
                AddViolation(session, topic, text, 42, templateId, error);
            }
            else if (!UpstreamRowValidator.TryValidate(fields, out var code, out var message))
            {
                AddViolation(session, topic, text, code, templateId, message);
            }
            else if (mode is 'q' or 'c' && templateId[0] is not ('2' or '4'))
            {
                AddViolation(session, topic, text, 41, templateId, $"{mode}/us takes measurements and events only");
            }
            else
            {
                Apply(session, topic, device, fields, stored: mode is 's' or 'q');
            }
        }
    }

    /// <summary><c>&lt;s|t|q|c&gt;/us[/&lt;child&gt;]</c>.</summary>
    private static bool TryParseStaticTopic(string topic, out char mode, out string? childId)
    {
        var parts = topic.Split('/');
        mode = parts[0].Length == 1 ? parts[0][0] : ' ';
        childId = parts.Length == 3 ? parts[2] : null;
        return mode is 's' or 't' or 'q' or 'c' && parts.Length is 2 or 3 && parts[1] == "us" && childId is not "";
    }

    /// <summary>The device a static-template publish is for; unknown first-level children are created.</summary>
    private EmulatedDevice? ResolveTarget(ClientSession session, string topic, string? childId, byte[] payload)
    {
        var root = EnsureRootDevice(session);
        if (childId is null || childId == root.ExternalId)
        {
            return root;
        }

        if (!_devices.TryGetValue(childId, out var child))
        {
            child = CreateChild(root, childId, childId, "c8y_MQTTChildDevice", isDevice: true);
            child.AwaitingFirstRow = true;
            return child;
        }

        if (RootOf(child) != root)
        {
            AddViolation(session, topic, Preview(payload), 41, string.Empty, $"device '{childId}' is not in the hierarchy of '{root.ExternalId}'");
            return null;
        }

        return child;
    }

    private void SendTo(ClientSession session, string topic, string payload)
    {
        var qos = session.Subscriptions.TryGetValue(topic, out var granted) ? granted : MqttQualityOfServiceLevel.AtMostOnce;
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(qos)
            .Build();
        if (session.Connected && session.Status is { } status && status.TryEnqueueApplicationMessage(message, out _))
        {
            _downstream.Add(new DownstreamMessage(session.ClientId, topic, payload));
        }
    }

    /// <summary>Reports on <c>s/e</c> when the client listens there.</summary>
    private void ReportError(ClientSession session, int code, string templateId, string message)
    {
        if (session.Subscriptions.ContainsKey("s/e"))
        {
            SendTo(session, "s/e", WireCsv.WriteRow([code.ToString(System.Globalization.CultureInfo.InvariantCulture), templateId, message]));
        }
    }

    /// <summary>The size of a PUBLISH packet in MQTT 3.1.1, fixed header included.</summary>
    private static int PacketSize(string topic, int payloadBytes, MqttQualityOfServiceLevel qos)
    {
        var remaining = 2 + Encoding.UTF8.GetByteCount(topic) + (qos == MqttQualityOfServiceLevel.AtMostOnce ? 0 : 2) + payloadBytes;
        var lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }

    private static string Preview(ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload.Length > 200 ? payload[..200] : payload);
        return payload.Length > 200 ? text + "…" : text;
    }
}
