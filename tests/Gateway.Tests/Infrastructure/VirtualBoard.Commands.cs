using System.Collections.Immutable;
using System.Globalization;
using Gateway.Core.Framing;

namespace Gateway.Tests.Infrastructure;

/// <summary>The board's answers, as GatewayLink and the sensor-node sketch give them (ADR 0001, "C command").</summary>
public sealed partial class VirtualBoard
{
    private void Answer(CommandFrame command)
    {
        var args = command.Args;
        switch (command.Verb)
        {
            case "info" when args.Length == 0:
                Ack(command);
                QueueHello();
                break;
            case "resend" when args.Length == 1 && uint.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requested):
                AnswerResend(command, requested);
                break;
            case "interval" when args.Length == 1 && TryNumber(args[0], 100, 3_600_000, out var ms):
                _intervalMs = ms;
                Ack(command, ("iv", ms));
                break;
            case "out" when args.Length == 2 && TryNumber(args[0], 0, 255, out var pin) && TryNumber(args[1], 0, 1, out var state)
                                              && _options.Outputs.Any(o => o.Pin == pin):
                Ack(command, ("pin", pin), ("state", state));
                break;
            case "identify" when args.Length == 0 || (args.Length == 1 && TryNumber(args[0], 1, 60, out _)):
                Ack(command, ("s", args.Length == 0 ? 5 : uint.Parse(args[0], CultureInfo.InvariantCulture)));
                break;
            case "read" when args.Length == 0:
                Ack(command);
                QueueReading();
                break;
            case "reboot" when args.Length == 0:
                Ack(command);
                Reboot();
                break;
            case "info" or "resend" or "interval" or "out" or "identify" or "read" or "reboot":
                Nak(command, NakReason.BadArgument, "bad arguments");
                break;
            default:
                Nak(command, NakReason.UnknownVerb, string.Empty);
                break;
        }
    }

    /// <summary>
    /// As GatewayLink's <c>answerResend</c>: what is held is a gap-free run ending at the last data frame; the ack
    /// names the range replayed (<c>from</c> raised to the oldest held, <c>to</c> the last sent; from &gt; to: none),
    /// then those frames follow with their original bytes. A request older than the ring is not refused: the ack's
    /// later <c>from</c> tells the gateway what is gone.
    /// </summary>
    private void AnswerResend(CommandFrame command, uint requested)
    {
        var last = _lastSeq;
        var held = (uint)Math.Min(_ring.Length, last);
        var firstHeld = _options.ResendCapacity == 0 || held == 0 ? last + 1 : last - held + 1;
        var from = Math.Max(requested, firstHeld);
        Ack(command, ("from", from), ("to", last));
        for (var seq = from; seq <= last && seq != 0; seq++)
        {
            Queue(_ring[seq % _ring.Length]);
        }
    }

    private void Reboot()
    {
        _bootCounter++;
        _lastSeq = 0;
        _nextDueMs = Environment.TickCount64;
        Array.Clear(_ring);
        QueueHello();
    }

    private void Ack(CommandFrame command, params (string Key, uint Value)[] fields)
    {
        var pairs = fields.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString(CultureInfo.InvariantCulture))).ToImmutableArray();
        Queue(FrameWriter.ToBytes(new AckFrame(_lastSeq, command.Id, pairs)));
        Note(command, "ack " + string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")));
    }

    private void Nak(CommandFrame command, NakReason reason, string text)
    {
        Queue(FrameWriter.ToBytes(new NakFrame(_lastSeq, command.Id, reason, text)));
        Note(command, "nak " + reason);
    }

    private void Note(CommandFrame command, string answer) =>
        _log.Add(string.Create(CultureInfo.InvariantCulture, $"{command.Verb}({string.Join(",", command.Args)}) at seq {_lastSeq} → {answer}"));

    private static bool TryNumber(string text, uint min, uint max, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
