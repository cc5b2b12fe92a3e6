namespace Gateway.Core.Mapping.Local;

/// <summary>
/// The topic scheme on the local broker (ADR 0002), rooted at <c>&lt;prefix&gt;/&lt;gateway id&gt;</c>.
/// Topic strings are built once per device and cached, so publishing does not allocate them.
/// </summary>
public sealed class LocalTopics
{
    private readonly Dictionary<string, DeviceTopics> _devices = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Topics under <c>&lt;prefix&gt;/&lt;gatewayId&gt;</c>.</summary>
    public LocalTopics(string prefix, string gatewayId)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(gatewayId);
        if (prefix.StartsWith('/') || prefix.EndsWith('/') || prefix.AsSpan().IndexOfAny("+#") >= 0)
        {
            throw new ArgumentException("A topic prefix has no wildcards and no leading or trailing '/'.", nameof(prefix));
        }
        Root = $"{prefix}/{gatewayId}";
        Status = $"{Root}/status";
        Health = $"{Root}/health";
        Events = $"{Root}/events";
        CommandFilter = $"{Root}/devices/+/commands";
    }

    /// <summary>The root of every topic of this gateway.</summary>
    public string Root { get; }

    /// <summary>Retained <c>online</c>/<c>offline</c> of the gateway; the last will sets <c>offline</c>.</summary>
    public string Status { get; }

    /// <summary>Retained health summary (JSON).</summary>
    public string Health { get; }

    /// <summary>Events of the gateway itself (the store's notices: drops, full disk, repairs), not retained.</summary>
    public string Events { get; }

    /// <summary>The subscription that receives commands for every device.</summary>
    public string CommandFilter { get; }

    /// <summary>The topics of one device.</summary>
    public DeviceTopics For(string deviceId)
    {
        lock (_lock)
        {
            if (!_devices.TryGetValue(deviceId, out var topics))
            {
                topics = new DeviceTopics($"{Root}/devices/{deviceId}");
                _devices.Add(deviceId, topics);
            }

            return topics;
        }
    }

    /// <summary>Finds the device a command topic is for.</summary>
    public bool TryParseCommandTopic(string topic, out string deviceId)
    {
        ArgumentNullException.ThrowIfNull(topic);
        deviceId = string.Empty;
        const string Suffix = "/commands";
        var head = Root + "/devices/";
        if (topic.Length <= head.Length + Suffix.Length ||
            !topic.StartsWith(head, StringComparison.Ordinal) || !topic.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = topic.AsSpan(head.Length, topic.Length - head.Length - Suffix.Length);
        if (id.IndexOfAny("/+#") >= 0)
        {
            return false;
        }

        deviceId = id.ToString();
        return true;
    }
}

/// <summary>The topics of one device.</summary>
public sealed class DeviceTopics
{
    internal DeviceTopics(string root)
    {
        Readings = root + "/readings";
        Events = root + "/events";
        Meta = root + "/meta";
        Availability = root + "/availability";
        Commands = root + "/commands";
        CommandResults = root + "/commands/result";
    }

    /// <summary>Readings (JSON, QoS 1, not retained).</summary>
    public string Readings { get; }

    /// <summary>Board events (JSON, QoS 1, not retained).</summary>
    public string Events { get; }

    /// <summary>Retained device metadata from the hello (JSON).</summary>
    public string Meta { get; }

    /// <summary>Retained <c>online</c>/<c>offline</c>.</summary>
    public string Availability { get; }

    /// <summary>Where commands for the device are published.</summary>
    public string Commands { get; }

    /// <summary>Where command results are published.</summary>
    public string CommandResults { get; }
}
