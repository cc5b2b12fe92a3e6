using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>The inventory: devices and children, and what the 1xx–4xx templates do to them.</summary>
public sealed partial class CumulocityEmulator
{
    private readonly Dictionary<string, EmulatedDevice> _devices = new(StringComparer.Ordinal);
    private long _nextManagedObjectId = 1000;

    /// <summary>Every device, connected devices and children, in creation order.</summary>
    public IReadOnlyList<EmulatedDevice> Devices
    {
        get
        {
            lock (_gate)
            {
                return [.. _devices.Values.OrderBy(d => d.ManagedObjectId)];
            }
        }
    }

    /// <summary>The device with external id <paramref name="externalId"/>, or null.</summary>
    public EmulatedDevice? FindDevice(string externalId)
    {
        lock (_gate)
        {
            return _devices.GetValueOrDefault(externalId);
        }
    }

    /// <summary>The device with external id <paramref name="externalId"/>.</summary>
    /// <exception cref="InvalidOperationException">There is none.</exception>
    public EmulatedDevice Device(string externalId) =>
        FindDevice(externalId) ?? throw new InvalidOperationException($"No device '{externalId}'. Devices: {string.Join(", ", Devices)}");

    /// <summary>Registers a device as an operator would before it connects (e.g. to create operations for it while it is offline).</summary>
    public EmulatedDevice RegisterDevice(string externalId)
    {
        lock (_gate)
        {
            return _devices.GetValueOrDefault(externalId) ?? AddDevice(externalId, null, $"MQTT Device {externalId}", "c8y_MQTTDevice", true);
        }
    }

    /// <summary>The connected device; its first publish creates it (as Cumulocity does), with the defaults 100 would use.</summary>
    private EmulatedDevice EnsureRootDevice(ClientSession session)
    {
        if (_devices.TryGetValue(session.DeviceId, out var device))
        {
            return device;
        }

        device = AddDevice(session.DeviceId, null, $"MQTT Device {session.DeviceId}", "c8y_MQTTDevice", true);
        device.AwaitingFirstRow = true;
        return device;
    }

    private EmulatedDevice AddDevice(string externalId, string? parentId, string name, string type, bool isDevice)
    {
        var device = new EmulatedDevice(_gate, _nextManagedObjectId++, externalId, parentId, name, type, isDevice);
        _devices.Add(externalId, device);
        RefreshConnectionStatuses();
        return device;
    }

    private EmulatedDevice CreateChild(EmulatedDevice parent, string childId, string name, string type, bool isDevice)
    {
        var child = AddDevice(childId, parent.ExternalId, name, type, isDevice);
        parent.ChildList.Add(childId);
        return child;
    }

    private EmulatedDevice RootOf(EmulatedDevice device)
    {
        while (device.ParentId is { } parent)
        {
            device = _devices[parent];
        }

        return device;
    }

    private IEnumerable<EmulatedDevice> Subtree(EmulatedDevice device) =>
        device.ChildList.Select(id => _devices[id]).SelectMany(Subtree).Prepend(device);

    /// <summary>Carries out a valid row. Transient rows (<c>t/us</c>, <c>c/us</c>) create no stored data.</summary>
    private void Apply(ClientSession session, string topic, EmulatedDevice device, string[] fields, bool stored)
    {
        string F(int i) => i < fields.Length ? fields[i] : string.Empty;
        var now = DateTimeOffset.UtcNow;
        var createdByThisRow = device.AwaitingFirstRow;
        device.AwaitingFirstRow = false;
        switch (fields[0])
        {
            case "100" when createdByThisRow:
                device.Name = F(1).Length > 0 ? F(1) : device.Name;
                device.Type = F(2).Length > 0 ? F(2) : device.Type;
                break;
            case "100":
                ReportError(session, 41, "100", "Device already existing");
                break;
            case "101" when !_devices.ContainsKey(F(1)):
                CreateChild(device, F(1), F(2).Length > 0 ? F(2) : F(1), F(3).Length > 0 ? F(3) : "c8y_MQTTChildDevice", isDevice: F(4) != "false");
                break;
            case "110":
                device.Hardware = (F(1), F(2), F(3));
                break;
            case "113":
                device.Configuration = F(1);
                break;
            case "114":
                device.SupportedOperations = [.. fields.Skip(1)];
                break;
            case "115":
                device.Firmware = (F(1), F(2), F(3));
                break;
            case "117" when device.RequiredAvailability is null && F(1).Length > 0:
                device.RequiredAvailability = int.Parse(F(1), CultureInfo.InvariantCulture);
                break;
            case "122":
                device.Agent = (F(1), F(2), F(3), F(4));
                break;
            case "123":
                SendTo(session, "s/ds", $"124,{device.ManagedObjectId}");
                break;
            case "600":
                SendTo(session, "s/ds", "601,emulated");
                break;
            case "200" when stored:
                device.MeasurementList.Add(new(device.ExternalId, F(1), UpstreamRowValidator.TimeOrNull(F(5)), [Series(F(1), F(2), F(3), F(4))]));
                break;
            case "201" when stored:
                device.MeasurementList.Add(new(device.ExternalId, F(1), UpstreamRowValidator.TimeOrNull(F(2)), MultiSeries(fields)));
                break;
            case "211" when stored:
                device.MeasurementList.Add(new(device.ExternalId, "c8y_TemperatureMeasurement", UpstreamRowValidator.TimeOrNull(F(2)), [Series("c8y_TemperatureMeasurement", "T", F(1), "C")]));
                break;
            case "212" when stored:
                device.MeasurementList.Add(new(device.ExternalId, "c8y_Battery", UpstreamRowValidator.TimeOrNull(F(2)), [Series("c8y_Battery", "level", F(1), "%")]));
                break;
            case "301" or "302" or "303" or "304" when stored:
                RaiseAlarm(device, fields[0], F(1), F(2), UpstreamRowValidator.TimeOrNull(F(3)) ?? now);
                break;
            case "305" when device.ActiveAlarm(F(1)) is { } changed:
                changed.Severity = F(2);
                break;
            case "306" when device.ActiveAlarm(F(1)) is { } active:
                active.Status = AlarmStatus.Cleared;
                break;
            case "400" when stored:
                device.EventList.Add(new(device.ExternalId, F(1), F(2), UpstreamRowValidator.TimeOrNull(F(3))));
                break;
            case "401" or "402" when stored:
                device.EventList.Add(new(device.ExternalId, "c8y_LocationUpdate", "Location updated", UpstreamRowValidator.TimeOrNull(F(5))));
                break;
            case ['5', _, _]:
                ApplyOperationRow(session, topic, device, fields);
                break;
        }
    }

    private static void RaiseAlarm(EmulatedDevice device, string template, string type, string text, DateTimeOffset time)
    {
        var severity = template switch { "301" => "CRITICAL", "302" => "MAJOR", "303" => "MINOR", _ => "WARNING" };
        if (device.ActiveAlarm(type) is { } active)
        {
            active.Count++;
            active.Time = time;
            return;
        }

        device.AlarmList.Add(new EmulatedAlarm(device.ExternalId, type, severity, text.Length > 0 ? text : $"Alarm of type {type} raised", time));
    }

    private static EmulatedSeries Series(string fragment, string series, string value, string unit) =>
        new(fragment, series, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture), unit);

    private static ImmutableArray<EmulatedSeries> MultiSeries(string[] fields)
    {
        var series = ImmutableArray.CreateBuilder<EmulatedSeries>();
        for (var i = 3; i + 2 < fields.Length; i += 4)
        {
            series.Add(Series(fields[i], fields[i + 1], fields[i + 2], i + 3 < fields.Length ? fields[i + 3] : string.Empty));
        }

        return series.ToImmutable();
    }

    /// <summary><c>inventory/managedObjects/update/&lt;externalId&gt;</c> with a JSON object: fragments are merged; <c>{}</c> is a heartbeat.</summary>
    private void ProcessInventoryUpdate(ClientSession session, string topic, byte[] payload)
    {
        var externalId = topic["inventory/managedObjects/update/".Length..];
        var device = externalId == session.DeviceId ? EnsureRootDevice(session) : _devices.GetValueOrDefault(externalId);
        if (device is null || RootOf(device).ExternalId != session.DeviceId)
        {
            AddViolation(session, topic, Preview(payload), 41, string.Empty, $"no device '{externalId}' in the hierarchy of '{session.DeviceId}'");
            return;
        }

        JsonObject? update;
        try
        {
            update = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException e)
        {
            AddViolation(session, topic, Preview(payload), 42, string.Empty, $"not JSON: {e.Message}");
            return;
        }

        if (update is null)
        {
            AddViolation(session, topic, Preview(payload), 42, string.Empty, "an inventory update is a JSON object");
            return;
        }

        foreach (var (name, value) in update)
        {
            device.FragmentMap[name] = value?.DeepClone();
        }

        if (update["c8y_Relay"]?["relayState"]?.GetValue<string>() is { } relay)
        {
            device.RelayState = relay;
        }
    }
}
