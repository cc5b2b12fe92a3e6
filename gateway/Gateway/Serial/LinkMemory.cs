using Gateway.Core.Devices;
using Gateway.Core.Framing;

namespace Gateway.Serial;

/// <summary>
/// What a port's link keeps from one open to the next: the frame reader (with its counters and version
/// state), where each boot's sequence stands, and the numbering of lenient readings.
/// </summary>
public sealed class LinkMemory
{
    private readonly Dictionary<(string Device, string Boot), SequenceTracker> _trackers = [];

    /// <summary>Memory for a port read with <paramref name="options"/>.</summary>
    public LinkMemory(FrameReaderOptions options) => Reader = new FrameReader(options);

    /// <summary>The port's frame reader.</summary>
    public FrameReader Reader { get; }

    /// <summary>The last gateway-assigned number of a lenient reading.</summary>
    public uint LenientSeq { get; set; }

    /// <summary>The tracker of a device's boot, and whether it already existed.</summary>
    public SequenceTracker TrackerFor(string deviceId, string bootId, out bool known)
    {
        known = _trackers.TryGetValue((deviceId, bootId), out var tracker);
        if (!known)
        {
            // A new boot of a device replaces the trackers of its earlier boots.
            foreach (var key in _trackers.Keys.Where(k => k.Device == deviceId).ToList())
            {
                _trackers.Remove(key);
            }

            tracker = new SequenceTracker();
            _trackers.Add((deviceId, bootId), tracker);
        }

        return tracker!;
    }
}
