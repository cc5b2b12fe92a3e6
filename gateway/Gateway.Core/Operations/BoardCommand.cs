using System.Collections.Immutable;
using System.Globalization;

namespace Gateway.Core.Operations;

/// <summary>
/// A command for a board, checked against ADR 0001 before it goes down the wire: the verb and its
/// arguments as the board expects them.
/// </summary>
public sealed class BoardCommand
{
    /// <summary>Smallest sample interval a board accepts, in milliseconds.</summary>
    public const uint MinIntervalMs = 100;

    /// <summary>Largest sample interval a board accepts, in milliseconds (one hour).</summary>
    public const uint MaxIntervalMs = 3_600_000;

    private BoardCommand(string verb, ImmutableArray<string> args)
    {
        Verb = verb;
        Args = args;
    }

    /// <summary>The verb, e.g. <c>out</c>.</summary>
    public string Verb { get; }

    /// <summary>The arguments as sent.</summary>
    public ImmutableArray<string> Args { get; }

    /// <summary>Sets the sample interval.</summary>
    public static BoardCommand Interval(uint ms) =>
        ms is >= MinIntervalMs and <= MaxIntervalMs
            ? new("interval", [ms.ToString(CultureInfo.InvariantCulture)])
            : throw new ArgumentOutOfRangeException(nameof(ms), ms, $"The interval must be {MinIntervalMs}–{MaxIntervalMs} ms.");

    /// <summary>Sets a digital output.</summary>
    public static BoardCommand Output(uint pin, bool on) =>
        new("out", [pin.ToString(CultureInfo.InvariantCulture), on ? "1" : "0"]);

    /// <summary>Blinks the LED for a while.</summary>
    public static BoardCommand Identify(uint seconds = 5) =>
        seconds is >= 1 and <= 60
            ? new("identify", [seconds.ToString(CultureInfo.InvariantCulture)])
            : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Identify lasts 1–60 s.");

    /// <summary>Asks for a hello.</summary>
    public static BoardCommand Info() => new("info", []);

    /// <summary>Restarts the board.</summary>
    public static BoardCommand Reboot() => new("reboot", []);

    /// <summary>Asks for a reading now.</summary>
    public static BoardCommand ReadNow() => new("read", []);

    /// <summary>Asks the board to send its data frames again from <paramref name="fromSeq"/>.</summary>
    public static BoardCommand Resend(uint fromSeq) => new("resend", [fromSeq.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>
    /// Builds a command from a verb and text arguments as a user wrote them (a command topic, a Cumulocity
    /// shell command). Returns false with a reason a person can act on.
    /// </summary>
    public static bool TryParse(string verb, IReadOnlyList<string> args, out BoardCommand? command, out string error)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(args);
        command = null;
        error = string.Empty;
        verb = verb.ToLowerInvariant();
        switch (verb)
        {
            case "interval" when args.Count == 1 && TryUInt(args[0], out var ms):
                if (ms is < MinIntervalMs or > MaxIntervalMs)
                {
                    error = $"interval must be {MinIntervalMs}–{MaxIntervalMs} ms, not {ms}";
                    return false;
                }

                command = Interval(ms);
                return true;
            case "out" when args.Count == 2 && TryUInt(args[0], out var pin) && TryState(args[1], out var on):
                command = Output(pin, on);
                return true;
            case "identify" when args.Count == 0:
                command = Identify();
                return true;
            case "identify" when args.Count == 1 && TryUInt(args[0], out var seconds):
                if (seconds is < 1 or > 60)
                {
                    error = $"identify lasts 1–60 s, not {seconds}";
                    return false;
                }

                command = Identify(seconds);
                return true;
            case "info" or "reboot" or "read" when args.Count == 0:
                command = new(verb, []);
                return true;
            case "interval":
                error = "usage: interval <ms>";
                return false;
            case "out":
                error = "usage: out <pin> <0|1>";
                return false;
            case "identify":
                error = "usage: identify [seconds]";
                return false;
            case "info" or "reboot" or "read":
                error = $"usage: {verb} (no arguments)";
                return false;
            default:
                error = $"unknown command '{verb}'; known: interval, out, identify, info, reboot, read";
                return false;
        }
    }

    /// <summary>The command as a person would type it, e.g. <c>out 7 1</c>.</summary>
    public override string ToString() => Args.IsEmpty ? Verb : $"{Verb} {string.Join(' ', Args)}";

    private static bool TryUInt(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryState(string text, out bool on)
    {
        switch (text.ToUpperInvariant())
        {
            case "1" or "ON" or "TRUE" or "CLOSED" or "HIGH":
                on = true;
                return true;
            case "0" or "OFF" or "FALSE" or "OPEN" or "LOW":
                on = false;
                return true;
            default:
                on = false;
                return false;
        }
    }
}
