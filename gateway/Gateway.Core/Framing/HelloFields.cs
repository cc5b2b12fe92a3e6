namespace Gateway.Core.Framing;

/// <summary>The raw values of a hello's known keys, collected before they are validated.</summary>
internal ref struct HelloFields
{
    private int _seen;

    public ReadOnlySpan<byte> Id { get; private set; }

    public ReadOnlySpan<byte> Boot { get; private set; }

    public ReadOnlySpan<byte> Firmware { get; private set; }

    public ReadOnlySpan<byte> Version { get; private set; }

    public ReadOnlySpan<byte> Interval { get; private set; }

    public ReadOnlySpan<byte> Sensors { get; private set; }

    public ReadOnlySpan<byte> Resend { get; private set; }

    public ReadOnlySpan<byte> Outputs { get; private set; }

    public readonly bool HasSensors => (_seen & Bit.Sensors) != 0;

    public readonly bool HasResend => (_seen & Bit.Resend) != 0;

    /// <summary>Records a field; false for a key given twice. Unknown keys are ignored.</summary>
    public bool TrySet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        int bit;
        switch (key.Length)
        {
            case 1 when key[0] == (byte)'p': bit = Bit.Protocol; break;
            case 1 when key[0] == (byte)'s': bit = Bit.Sensors; Sensors = value; break;
            case 1 when key[0] == (byte)'o': bit = Bit.Outputs; Outputs = value; break;
            case 2 when key.SequenceEqual("id"u8): bit = Bit.Id; Id = value; break;
            case 2 when key.SequenceEqual("fw"u8): bit = Bit.Firmware; Firmware = value; break;
            case 2 when key.SequenceEqual("iv"u8): bit = Bit.Interval; Interval = value; break;
            case 2 when key.SequenceEqual("rs"u8): bit = Bit.Resend; Resend = value; break;
            case 3 when key.SequenceEqual("ver"u8): bit = Bit.Version; Version = value; break;
            case 4 when key.SequenceEqual("boot"u8): bit = Bit.Boot; Boot = value; break;
            default: return true;
        }

        if ((_seen & bit) != 0)
        {
            return false;
        }

        _seen |= bit;
        return true;
    }

    private static class Bit
    {
        public const int Protocol = 1;
        public const int Id = 2;
        public const int Boot = 4;
        public const int Firmware = 8;
        public const int Version = 16;
        public const int Interval = 32;
        public const int Sensors = 64;
        public const int Resend = 128;
        public const int Outputs = 256;
    }
}
