namespace Gateway.Core.Framing;

/// <summary>How a <see cref="FrameReader"/> treats one link.</summary>
public sealed class FrameReaderOptions
{
    /// <summary>ADR 0001's limit: bytes from <c>$</c> to <c>\n</c> inclusive.</summary>
    public const int DefaultMaxLineLength = 256;

    /// <summary>The smallest accepted <see cref="MaxLineLength"/>; a short frame needs a dozen bytes.</summary>
    public const int SmallestMaxLineLength = 16;

    /// <summary>The largest accepted <see cref="MaxLineLength"/>.</summary>
    public const int LargestMaxLineLength = 64 * 1024;

    /// <summary>
    /// The longest line accepted, counted with its <c>\r</c> and <c>\n</c>; longer lines are rejected as
    /// overlong and skipped without being buffered.
    /// </summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>Whether lines of numeric <c>name=value</c>/<c>name:value</c> pairs are taken as readings.</summary>
    public bool Lenient { get; init; }
}
