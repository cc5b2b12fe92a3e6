using System.Buffers;
using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>Short ways to feed text to a reader and look at what came out.</summary>
internal static class ReaderTestKit
{
    /// <summary>Feeds <paramref name="text"/> (ASCII) and describes every item.</summary>
    public static string[] Read(FrameReader reader, string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        return [.. LinkFeeder.ReadAll(reader, ref buffer).Select(Describe.Item)];
    }

    public static string[] Read(string text) => Read(new FrameReader(), text);

    /// <summary>Decodes one frame line given without its checksum; fails unless it is accepted.</summary>
    public static TFrame Decode<TFrame>(string body)
        where TFrame : Frame
    {
        LinkItem item = Assert.Single(LinkFeeder.ReadComplete(new FrameReader(), Encoding.ASCII.GetBytes(ReferenceCrc.Frame(body) + "\n")));
        Assert.True(item.Kind == LinkItemKind.Frame, $"{body}: {item.Rejection}");
        return Assert.IsType<TFrame>(item.Frame);
    }

    /// <summary>The outcome of one frame line given without its checksum.</summary>
    public static string Outcome(string body)
    {
        LinkItem item = Assert.Single(LinkFeeder.ReadComplete(new FrameReader(), Encoding.ASCII.GetBytes(ReferenceCrc.Frame(body) + "\n")));
        return Describe.Outcome(item);
    }
}
