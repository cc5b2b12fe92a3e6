namespace Gateway.Core.Framing;

/// <summary>
/// Walks the comma-separated fields of a frame body. "No fields" (<c>$R,1</c> after the seq) differs from
/// "one empty field" (<c>$R,1,</c>).
/// </summary>
internal ref struct FieldReader
{
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    public FieldReader(ReadOnlySpan<byte> fields, bool present)
    {
        _rest = fields;
        _done = !present;
    }

    public readonly bool HasMore => !_done;

    public bool TryRead(out ReadOnlySpan<byte> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }

        int comma = _rest.IndexOf((byte)',');
        if (comma < 0)
        {
            field = _rest;
            _rest = default;
            _done = true;
        }
        else
        {
            field = _rest[..comma];
            _rest = _rest[(comma + 1)..];
        }

        return true;
    }

    public readonly int CountRemaining() => _done ? 0 : _rest.Count((byte)',') + 1;
}
