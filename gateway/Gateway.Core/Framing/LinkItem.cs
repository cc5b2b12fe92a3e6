namespace Gateway.Core.Framing;

/// <summary>One thing <see cref="FrameReader"/> found on a link.</summary>
public readonly record struct LinkItem
{
    private LinkItem(LinkItemKind kind, Frame? frame, Rejection rejection, string? text)
    {
        Kind = kind;
        Frame = frame;
        Rejection = rejection;
        Text = text;
    }

    /// <summary>What the item holds.</summary>
    public LinkItemKind Kind { get; }

    /// <summary>The frame, for <see cref="LinkItemKind.Frame"/> and <see cref="LinkItemKind.LenientReading"/>.</summary>
    public Frame? Frame { get; }

    /// <summary>Why the line was rejected, for <see cref="LinkItemKind.Rejected"/>.</summary>
    public Rejection Rejection { get; }

    /// <summary>
    /// For <see cref="LinkItemKind.Debug"/> the line; for <see cref="LinkItemKind.Rejected"/> the rejected
    /// bytes (for an overlong line, its first bytes). UTF-8 decoded with U+FFFD for invalid bytes, without
    /// the line's <c>\r</c>.
    /// </summary>
    public string? Text { get; }

    internal static LinkItem ForFrame(Frame frame) => new(LinkItemKind.Frame, frame, Rejection.None, null);

    internal static LinkItem ForLenientReading(ReadingFrame reading) =>
        new(LinkItemKind.LenientReading, reading, Rejection.None, null);

    internal static LinkItem ForDebug(string text) => new(LinkItemKind.Debug, null, Rejection.None, text);

    internal static LinkItem ForRejection(Rejection rejection, string text) =>
        new(LinkItemKind.Rejected, null, rejection, text);
}
