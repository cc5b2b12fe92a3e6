using System.Collections.Immutable;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>Operation statuses.</summary>
public enum OperationStatus
{
    /// <summary>Created, waiting for the device.</summary>
    Pending,

    /// <summary>The device said <c>501</c>.</summary>
    Executing,

    /// <summary>The device said <c>503</c>.</summary>
    Successful,

    /// <summary>The device said <c>502</c> or <c>507</c>.</summary>
    Failed,
}

/// <summary>An operation a test created, with every status it went through.</summary>
public sealed class EmulatedOperation
{
    private readonly Lock _gate;
    private readonly List<OperationStatus> _history = [OperationStatus.Pending];

    internal EmulatedOperation(Lock gate, long id, string deviceId, string templateId, string fragment, ImmutableArray<string> parameters)
    {
        _gate = gate;
        Id = id;
        DeviceId = deviceId;
        TemplateId = templateId;
        Fragment = fragment;
        Parameters = parameters;
        DownstreamRow = WireCsv.WriteRow([templateId, deviceId, .. parameters]);
    }

    /// <summary>The operation id (not on the wire for static templates).</summary>
    public long Id { get; }

    /// <summary>The external id of the device it is for.</summary>
    public string DeviceId { get; }

    /// <summary>The static template it is pushed as.</summary>
    public string TemplateId { get; }

    /// <summary>Its fragment, e.g. <c>c8y_Restart</c>.</summary>
    public string Fragment { get; }

    /// <summary>Its parameters after the device id.</summary>
    public ImmutableArray<string> Parameters { get; }

    /// <summary>The row pushed on <c>s/ds</c>.</summary>
    public string DownstreamRow { get; }

    /// <summary>The current status.</summary>
    public OperationStatus Status { get; private set; } = OperationStatus.Pending;

    /// <summary>Every status in order, starting with PENDING.</summary>
    public IReadOnlyList<OperationStatus> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The failure reason of <c>502</c>/<c>507</c>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The parameters of <c>503</c> (a command's result, a relay array's states).</summary>
    public ImmutableArray<string> Result { get; private set; } = [];

    /// <summary>How many times it was pushed on <c>s/ds</c>.</summary>
    public int Deliveries { get; internal set; }

    internal void MoveTo(OperationStatus status, string? failureReason = null, ImmutableArray<string>? result = null)
    {
        Status = status;
        _history.Add(status);
        FailureReason = failureReason ?? FailureReason;
        Result = result ?? Result;
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {Fragment} for {DeviceId}: {string.Join(" → ", History)}";
}
