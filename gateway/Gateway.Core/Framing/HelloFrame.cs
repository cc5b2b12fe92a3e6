using System.Collections.Immutable;

namespace Gateway.Core.Framing;

/// <summary>An <c>H</c> frame: the board's identity, firmware, sensors and outputs.</summary>
public sealed class HelloFrame : Frame
{
    /// <summary>The protocol major version this code speaks; a hello with another is rejected.</summary>
    public const uint CurrentProtocolVersion = 1;

    /// <summary>Creates a hello; ids are 16 and 8 hex digits (the reader gives them in upper case).</summary>
    public HelloFrame(
        uint seq,
        uint protocolVersion,
        string deviceId,
        string bootId,
        string firmware,
        string firmwareVersion,
        uint intervalMs,
        uint resendCapacity,
        ImmutableArray<SensorInfo> sensors,
        ImmutableArray<OutputInfo> outputs)
        : base(seq)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(bootId);
        ArgumentNullException.ThrowIfNull(firmware);
        ArgumentNullException.ThrowIfNull(firmwareVersion);
        ProtocolVersion = protocolVersion;
        DeviceId = deviceId;
        BootId = bootId;
        Firmware = firmware;
        FirmwareVersion = firmwareVersion;
        IntervalMs = intervalMs;
        ResendCapacity = resendCapacity;
        Sensors = OrEmpty(sensors);
        Outputs = OrEmpty(outputs);
    }

    /// <inheritdoc/>
    public override FrameType Type => FrameType.Hello;

    /// <summary><c>p</c>: the protocol major version.</summary>
    public uint ProtocolVersion { get; }

    /// <summary><c>id</c>: the device id, 16 hex digits.</summary>
    public string DeviceId { get; }

    /// <summary><c>boot</c>: the boot id, 8 hex digits.</summary>
    public string BootId { get; }

    /// <summary><c>fw</c>: the firmware name.</summary>
    public string Firmware { get; }

    /// <summary><c>ver</c>: the firmware version.</summary>
    public string FirmwareVersion { get; }

    /// <summary><c>iv</c>: the sample interval in milliseconds.</summary>
    public uint IntervalMs { get; }

    /// <summary><c>rs</c>: how many data frames the board keeps for <c>resend</c> (0: none).</summary>
    public uint ResendCapacity { get; }

    /// <summary><c>s</c>: the sensors, in the order announced.</summary>
    public ImmutableArray<SensorInfo> Sensors { get; }

    /// <summary><c>o</c>: the digital outputs the board drives, in the order announced.</summary>
    public ImmutableArray<OutputInfo> Outputs { get; }
}
