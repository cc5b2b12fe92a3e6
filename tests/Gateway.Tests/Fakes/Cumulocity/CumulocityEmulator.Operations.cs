using System.Collections.Immutable;
using System.Globalization;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>Operations: created by tests, pushed on <c>s/ds</c>, moved on by 500–507.</summary>
public sealed partial class CumulocityEmulator
{
    private static readonly Dictionary<string, string> OperationFragments = new(StringComparer.Ordinal)
    {
        ["510"] = "c8y_Restart", ["511"] = "c8y_Command", ["513"] = "c8y_Configuration", ["515"] = "c8y_Firmware",
        ["516"] = "c8y_SoftwareList", ["517"] = "c8y_MeasurementRequestOperation", ["518"] = "c8y_Relay",
        ["519"] = "c8y_RelayArray", ["520"] = "c8y_UploadConfigFile", ["521"] = "c8y_DownloadConfigFile",
        ["522"] = "c8y_LogfileRequest", ["523"] = "c8y_CommunicationMode", ["524"] = "c8y_DownloadConfigFile",
        ["525"] = "c8y_Firmware", ["526"] = "c8y_UploadConfigFile", ["527"] = "c8y_DeviceProfile",
        ["528"] = "c8y_SoftwareUpdate", ["529"] = "c8y_SoftwareUpdate", ["530"] = "c8y_RemoteAccessConnect",
    };

    private long _nextOperationId = 1;

    /// <summary><c>510</c>: restart.</summary>
    public EmulatedOperation CreateRestart(string deviceId) => CreateOperation(deviceId, "510");

    /// <summary><c>511</c>: a shell command.</summary>
    public EmulatedOperation CreateCommand(string deviceId, string text) => CreateOperation(deviceId, "511", text);

    /// <summary><c>513</c>: a text configuration.</summary>
    public EmulatedOperation CreateConfiguration(string deviceId, string text) => CreateOperation(deviceId, "513", text);

    /// <summary><c>515</c>: firmware.</summary>
    public EmulatedOperation CreateFirmware(string deviceId, string name, string version, string url) =>
        CreateOperation(deviceId, "515", name, version, url);

    /// <summary><c>517</c>: a measurement request.</summary>
    public EmulatedOperation CreateMeasurementRequest(string deviceId, string requestName) => CreateOperation(deviceId, "517", requestName);

    /// <summary><c>518</c>: a relay, <c>OPEN</c> or <c>CLOSED</c>.</summary>
    public EmulatedOperation CreateRelay(string deviceId, string state) => CreateOperation(deviceId, "518", state);

    /// <summary><c>519</c>: a relay array.</summary>
    public EmulatedOperation CreateRelayArray(string deviceId, params string[] states) => CreateOperation(deviceId, "519", states);

    /// <summary>
    /// Creates a PENDING operation of any static template (510–530) for a device or child and pushes it
    /// on the <c>s/ds</c> of its connected root device when that device is subscribed.
    /// </summary>
    public EmulatedOperation CreateOperation(string deviceId, string templateId, params string[] parameters)
    {
        if (!OperationFragments.TryGetValue(templateId, out var fragment))
        {
            throw new ArgumentException($"{templateId} is not a static operation template (510–530).", nameof(templateId));
        }

        EmulatedOperation operation;
        lock (_gate)
        {
            var device = _devices.GetValueOrDefault(deviceId)
                ?? throw new InvalidOperationException($"No device '{deviceId}': connect it, or call RegisterDevice, first.");
            operation = new EmulatedOperation(_gate, _nextOperationId++, deviceId, templateId, fragment, [.. parameters]);
            device.OperationList.Add(operation);
            Push(operation);
        }

        Changed();
        return operation;
    }

    /// <summary>
    /// Pushes a PENDING operation once more, as a redelivery would, so a test can check that the device
    /// does not carry it out twice.
    /// </summary>
    /// <exception cref="InvalidOperationException">The operation is no longer PENDING.</exception>
    public void PushAgain(EmulatedOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_gate)
        {
            if (operation.Status != OperationStatus.Pending)
            {
                throw new InvalidOperationException($"Operation {operation} is {operation.Status}; only PENDING operations are pushed.");
            }

            Push(operation);
        }

        Changed();
    }

    /// <summary>Every operation of every device, oldest first.</summary>
    public IReadOnlyList<EmulatedOperation> Operations
    {
        get
        {
            lock (_gate)
            {
                return [.. _devices.Values.SelectMany(d => d.OperationList).OrderBy(o => o.Id)];
            }
        }
    }

    private void Push(EmulatedOperation operation)
    {
        var root = RootOf(_devices[operation.DeviceId]);
        foreach (var session in _sessions.Where(s => !s.IsBootstrap && s.DeviceId == root.ExternalId && s.Subscriptions.ContainsKey("s/ds")))
        {
            var before = _downstream.Count;
            SendTo(session, "s/ds", operation.DownstreamRow);
            operation.Deliveries += _downstream.Count - before;
        }
    }

    private void PushPending(EmulatedDevice device)
    {
        foreach (var operation in Subtree(device).SelectMany(d => d.OperationList).Where(o => o.Status == OperationStatus.Pending).OrderBy(o => o.Id))
        {
            Push(operation);
        }
    }

    private void ApplyOperationRow(ClientSession session, string topic, EmulatedDevice device, string[] fields)
    {
        string F(int i) => i < fields.Length ? fields[i] : string.Empty;
        var template = fields[0];
        switch (template)
        {
            case "500":
                PushPending(device);
                return;
            case "501":
                Move(OperationStatus.Pending, OperationStatus.Executing, null, null);
                return;
            case "502":
                Move(OperationStatus.Executing, OperationStatus.Failed, F(2), null);
                return;
            case "503":
                var result = fields.Skip(2).ToImmutableArray();
                if (Move(OperationStatus.Executing, OperationStatus.Successful, null, result) && F(1) == "c8y_RelayArray")
                {
                    device.RelayArray = result;
                }

                return;
            case "504" or "505" or "506":
                MoveById();
                return;
            case "507":
                foreach (var executing in device.OperationList.Where(o => o.Status == OperationStatus.Executing && (F(1).Length == 0 || o.Fragment == F(1))))
                {
                    executing.MoveTo(OperationStatus.Failed, F(2));
                }

                return;
        }

        bool Move(OperationStatus from, OperationStatus to, string? reason, ImmutableArray<string>? parameters)
        {
            var oldest = device.OperationList.Where(o => o.Fragment == F(1) && o.Status == from).MinBy(o => o.Id);
            if (oldest is null)
            {
                AddViolation(session, topic, string.Join(',', fields), 41, template, $"No {from.ToString().ToUpperInvariant()} operation of {F(1)} for device '{device.ExternalId}'");
                return false;
            }

            oldest.MoveTo(to, reason, parameters);
            return true;
        }

        // By id, on the connected device's own topic, for any device of its hierarchy; on a child's topic the
        // operation is "not found".
        void MoveById()
        {
            var id = long.Parse(F(1), CultureInfo.InvariantCulture);
            var operation = device.ParentId is null ? Subtree(device).SelectMany(d => d.OperationList).FirstOrDefault(o => o.Id == id) : null;
            var (from, to) = template switch
            {
                "504" => (OperationStatus.Pending, OperationStatus.Executing),
                "505" => (OperationStatus.Executing, OperationStatus.Failed),
                _ => (OperationStatus.Executing, OperationStatus.Successful),
            };
            if (operation is null || (operation.Status != from && !(template != "504" && operation.Status == OperationStatus.Pending)))
            {
                AddViolation(session, topic, string.Join(',', fields), 41, template, $"No operation {id} of device '{device.ExternalId}' that can move to {to.ToString().ToUpperInvariant()}");
                return;
            }

            operation.MoveTo(to, template == "505" ? F(2) : null, template == "506" ? fields.Skip(2).ToImmutableArray() : null);
        }
    }
}
