using Gateway.Core.Framing;
using Gateway.Logging;
using Microsoft.Extensions.Logging;

namespace Gateway.Serial;

/// <summary>
/// Logs rejected lines without letting a noisy line flood the journal: the first of each kind at once,
/// then at most one line per kind every ten seconds (the counters keep the exact numbers).
/// </summary>
internal sealed class RejectionLog(string port, ILogger logger)
{
    private const long QuietMs = 10_000;
    private readonly long[] _lastLoggedMs = new long[8];

    public void Report(Rejection rejection, long count, string text)
    {
        var slot = (int)rejection & 7;
        var now = Environment.TickCount64;
        if (_lastLoggedMs[slot] != 0 && now - _lastLoggedMs[slot] < QuietMs)
        {
            return;
        }

        _lastLoggedMs[slot] = now;
        Log.LineRejected(logger, port, rejection, count, text.Length > 80 ? text[..80] + "…" : text);
    }
}
