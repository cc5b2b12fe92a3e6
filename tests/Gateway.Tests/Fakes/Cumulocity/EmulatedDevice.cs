using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>
/// A managed object of the emulated tenant: the connected device (agent) or a child. Written only by the
/// emulator under its lock; lists are returned as copies.
/// </summary>
public sealed class EmulatedDevice
{
    private readonly Lock _gate;
    private readonly List<string> _children = [];
    private readonly List<EmulatedMeasurement> _measurements = [];
    private readonly List<EmulatedEvent> _events = [];
    private readonly List<EmulatedAlarm> _alarms = [];
    private readonly List<EmulatedOperation> _operations = [];
    private readonly Dictionary<string, JsonNode?> _fragments = new(StringComparer.Ordinal);

    internal EmulatedDevice(Lock gate, long managedObjectId, string externalId, string? parentId, string name, string type, bool isDevice)
    {
        _gate = gate;
        ManagedObjectId = managedObjectId;
        ExternalId = externalId;
        ParentId = parentId;
        Name = name;
        Type = type;
        IsDevice = isDevice;
        IsAgent = parentId is null;
    }

    /// <summary>The managed object id (<c>124,&lt;id&gt;</c>).</summary>
    public long ManagedObjectId { get; }

    /// <summary>The external id (<c>c8y_Serial</c>).</summary>
    public string ExternalId { get; }

    /// <summary>The parent's external id; null for the connected device.</summary>
    public string? ParentId { get; }

    /// <summary>The name (from 100/101, or the default).</summary>
    public string Name { get; internal set; }

    /// <summary>The type (from 100/101, or the default).</summary>
    public string Type { get; internal set; }

    /// <summary>Whether it carries <c>c8y_IsDevice</c> (101's device marker).</summary>
    public bool IsDevice { get; }

    /// <summary>Whether it carries <c>com_cumulocity_model_Agent</c> (only the connected device does).</summary>
    public bool IsAgent { get; }

    /// <summary><c>c8y_Connection.status</c> of the connected device: CONNECTED while a session with <c>s/ds</c> exists; null for children.</summary>
    public string? ConnectionStatus { get; internal set; }

    /// <summary><c>c8y_SupportedOperations</c> (114 replaces it).</summary>
    public ImmutableArray<string> SupportedOperations { get; internal set; } = [];

    /// <summary><c>c8y_Hardware</c> (110): serial number, model, revision.</summary>
    public (string SerialNumber, string Model, string Revision)? Hardware { get; internal set; }

    /// <summary><c>c8y_Firmware</c> (115): name, version, url.</summary>
    public (string Name, string Version, string Url)? Firmware { get; internal set; }

    /// <summary><c>c8y_Agent</c> (122): name, version, url, maintainer.</summary>
    public (string Name, string Version, string Url, string Maintainer)? Agent { get; internal set; }

    /// <summary><c>c8y_RequiredAvailability.responseInterval</c> in minutes (117 sets it only when absent).</summary>
    public int? RequiredAvailability { get; internal set; }

    /// <summary><c>c8y_Configuration.config</c> (113).</summary>
    public string? Configuration { get; internal set; }

    /// <summary><c>c8y_Relay.relayState</c> (from an inventory update).</summary>
    public string? RelayState { get; internal set; }

    /// <summary><c>c8y_RelayArray</c> (from <c>503,c8y_RelayArray,…</c>).</summary>
    public ImmutableArray<string> RelayArray { get; internal set; } = [];

    /// <summary>The external ids of its children.</summary>
    public IReadOnlyList<string> Children => Copy(_children);

    /// <summary>Stored measurements, oldest first.</summary>
    public IReadOnlyList<EmulatedMeasurement> Measurements => Copy(_measurements);

    /// <summary>Stored events, oldest first.</summary>
    public IReadOnlyList<EmulatedEvent> Events => Copy(_events);

    /// <summary>Every alarm, active and cleared, oldest first.</summary>
    public IReadOnlyList<EmulatedAlarm> Alarms => Copy(_alarms);

    /// <summary>Operations created for it, oldest first.</summary>
    public IReadOnlyList<EmulatedOperation> Operations => Copy(_operations);

    /// <summary>Fragments set by JSON inventory updates (<c>inventory/managedObjects/update/&lt;id&gt;</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Fragments
    {
        get
        {
            lock (_gate)
            {
                return _fragments.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The active alarm of <paramref name="type"/>, or null.</summary>
    public EmulatedAlarm? ActiveAlarm(string type)
    {
        lock (_gate)
        {
            return _alarms.FirstOrDefault(a => a.Type == type && a.Status == AlarmStatus.Active);
        }
    }

    /// <summary>Created by the publish being processed: a 100 in it names the device instead of meeting an existing one.</summary>
    internal bool AwaitingFirstRow { get; set; }

    internal List<string> ChildList => _children;

    internal List<EmulatedMeasurement> MeasurementList => _measurements;

    internal List<EmulatedEvent> EventList => _events;

    internal List<EmulatedAlarm> AlarmList => _alarms;

    internal List<EmulatedOperation> OperationList => _operations;

    internal Dictionary<string, JsonNode?> FragmentMap => _fragments;

    /// <inheritdoc />
    public override string ToString() => $"{ExternalId} ({Name}, {Type}{(ParentId is null ? string.Empty : ", child of " + ParentId)})";

    private IReadOnlyList<T> Copy<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
