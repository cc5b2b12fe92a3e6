using System.Collections.Immutable;
using Gateway.Core.Framing;

namespace Gateway.Tests.Infrastructure;

/// <summary>Who a <see cref="VirtualBoard"/> says it is (its hello) and what it streams.</summary>
public sealed record VirtualBoardOptions
{
    /// <summary>The hello's <c>id</c>: 16 hex digits.</summary>
    public string DeviceId { get; init; } = "3F9A2C71D04B8E15";

    /// <summary>The hello's <c>boot</c>: 8 hex digits; a <c>reboot</c> command counts it up.</summary>
    public string BootId { get; init; } = "0000002A";

    public string Firmware { get; init; } = "virtual-board";

    public string Version { get; init; } = "1.0.0";

    /// <summary>The hello's <c>iv</c>, in milliseconds; the <c>interval</c> command changes it.</summary>
    public uint IntervalMs { get; init; } = 1000;

    /// <summary>Data frames kept for <c>resend</c>, announced as <c>rs=</c> (the real firmware keeps 8; 0 announces none).</summary>
    public uint ResendCapacity { get; init; } = 8;

    /// <summary>Readings to send (seq 1 to this), after which the board only answers commands.</summary>
    public uint Readings { get; init; } = uint.MaxValue;

    /// <summary>Readings per second; 0: as fast as the port takes them (the pty's buffer is the only backpressure).</summary>
    public double ReadingsPerSecond { get; init; }

    /// <summary>The sensors of the hello; each reading carries a value for every one of them.</summary>
    public ImmutableArray<SensorInfo> Sensors { get; init; } = [new("temp", "C"), new("n", string.Empty)];

    /// <summary>The hello's outputs, the only pins the <c>out</c> command accepts.</summary>
    public ImmutableArray<OutputInfo> Outputs { get; init; } = [new(13, "led")];
}
