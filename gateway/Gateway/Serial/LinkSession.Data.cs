using System.Collections.Immutable;
using Gateway.Core.Devices;
using Gateway.Core.Framing;
using Gateway.Core.Operations;
using Gateway.Core.Telemetry;
using Gateway.Devices;
using Gateway.Logging;

namespace Gateway.Serial;

/// <summary>Who is on the port, and the data frames in order.</summary>
internal sealed partial class LinkSession
{
    private readonly List<Frame> _pending = [];
    private DeviceInfo? _info;
    private DeviceEntry? _device;
    private SequenceTracker _tracker = new();
    private ResendState _resend;
    private long _refusedSinceLog;
    private long _refusedLoggedMs;
    private long _helloDeadlineMs;
    private ImmutableArray<SensorValue> _lastValues;
    private ImmutableArray<string> _lastUnits;

    private void HandleHello(HelloFrame hello)
    {
        var info = DeviceInfo.FromHello(hello, _port.Path);
        var sameBoot = _info is not null && _info.DeviceId == info.DeviceId && _info.BootId == info.BootId;
        if (!sameBoot)
        {
            Log.DeviceHello(_logger, info.DeviceId, _port.Path, info.Firmware, info.FirmwareVersion, info.BootId, info.IntervalMs);
            _tracker = _memory.TrackerFor(info.DeviceId, info.BootId, out var known);
            _resend = default;
            if (!known && info.BootId.Length > 0 && _outbox.TryGetLastSeq(info.DeviceId, out var storedBoot, out var storedSeq) &&
                storedBoot == info.BootId && storedSeq <= hello.Seq)
            {
                // The gateway restarted during this boot of the board: go on after the last record the store
                // holds; the hello's last data seq shows what is missing since, and a resend brings it.
                Log.SequenceResumed(_logger, _port.Path, info.DeviceId, info.BootId, storedSeq);
                _tracker.Start(storedSeq);
            }
            else if (!known)
            {
                // A boot we have not followed: start at the first frame held back for the hello, if it is
                // of this boot (numbered at or below the hello's last data seq), else after the hello.
                var first = FirstPendingSeq();
                _tracker.Start(first is { } f && f <= hello.Seq ? f - 1 : hello.Seq);
            }
        }

        _info = info;
        _device = _registry.Announce(info, this);
        ProcessPending(hello.Seq);
        CheckControlSeq(hello.Seq);
    }

    private void HandleData(Frame frame)
    {
        if (_info is null)
        {
            var now = _clock.MonotonicMs;
            if (_pending.Count == 0 && now >= _helloDeadlineMs)
            {
                // Data long after opening, and still no hello: ask once more before going by the port.
                SendInternal(BoardCommand.Info(), PendingKind.Info);
                _helloDeadlineMs = now + _options.HelloWaitMs;
            }

            if (_pending.Count == MaxPendingFrames)
            {
                // Too many frames for the hello to come first: go by the port now rather than lose any.
                GoByPort();
                HandleData(frame);
                return;
            }

            _pending.Add(frame);
            return;
        }

        _device!.Touch(_clock.MonotonicMs);
        switch (_tracker.OnData(frame.Seq, RepeatWindow()))
        {
            case SequenceVerdict.Accept:
                _resend.FailedAttempts = 0;
                Emit(frame);
                break;
            case SequenceVerdict.Restart:
                // A reboot whose hello we missed: ask who is there now (a new boot id), and keep the frame.
                Log.SequenceRestarted(_logger, _port.Path, _info.DeviceId, frame.Seq);
                _resend = default;
                if (_info.BootId.Length > 0)
                {
                    // Until the hello names the new boot, its frames carry no boot id rather than the old one.
                    _info = _info with { BootId = string.Empty };
                    SendInternal(BoardCommand.Info(), PendingKind.Info);
                }

                Emit(frame);
                break;
            case SequenceVerdict.Duplicate:
                break;
            case SequenceVerdict.Gap when CanResend():
                if (!_resend.Outstanding)
                {
                    RequestResend(_tracker.Expected);
                }

                // Dropped now: the resend brings it again, in order.
                break;
            case SequenceVerdict.Gap:
                var lost = unchecked(frame.Seq - _tracker.Expected);
                _tracker.AcceptAfterGap(frame.Seq);
                Log.FramesLost(_logger, _port.Path, _info.DeviceId, _info.BootId, lost, frame.Seq);
                Emit(frame);
                break;
        }
    }

    private void HandleLenient(ReadingFrame reading)
    {
        if (_info is null)
        {
            AdoptPortIdentity(LinkMode.Lenient);
        }

        _device!.Touch(_clock.MonotonicMs);
        _memory.LenientSeq = unchecked(_memory.LenientSeq + 1);
        var record = new Reading(
            _info!.DeviceId, string.Empty, _memory.LenientSeq, _clock.Now(), reading.Values, UnitsOf(reading.Values), checksummed: false);
        Append(record);
    }

    /// <summary>No hello came (in time, or before too many frames): the board is known by its port from now on.</summary>
    private void GoByPort()
    {
        AdoptPortIdentity(_port.Mode);
        Log.NoHello(_logger, _port.Path, _options.HelloWaitMs, _info!.DeviceId);
    }

    /// <summary>Takes the port's own identity for a board that gives none (no hello in time, or lenient lines).</summary>
    private void AdoptPortIdentity(LinkMode mode)
    {
        _info = DeviceInfo.ForPort(_port.FallbackDeviceId, _port.Path, mode);
        _tracker = _memory.TrackerFor(_info.DeviceId, string.Empty, out _);
        _device = _registry.Announce(_info, this);
        ProcessPending(lastDataSeq: null);
    }

    private void ProcessPending(uint? lastDataSeq)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var held = _pending.ToArray();
        _pending.Clear();
        foreach (var frame in held)
        {
            if (lastDataSeq is { } last && frame.Seq > last)
            {
                // Numbered past the hello's last data seq: from an earlier boot we cannot name.
                EmitUnattributed(frame);
            }
            else
            {
                HandleData(frame);
            }
        }
    }

    private uint? FirstPendingSeq() => _pending.Count > 0 ? _pending[0].Seq : null;

    private void CheckControlSeq(uint lastDataSeq)
    {
        if (CanResend() && !_resend.Outstanding && !_resend.Covers(_tracker.Expected) &&
            _tracker.OnControl(lastDataSeq) == SequenceVerdict.Gap)
        {
            RequestResend(_tracker.Expected);
        }
    }

    /// <summary>
    /// How far back a frame may be numbered and still be a repeat: what a resend can replay, plus frames
    /// sent while the request travelled. A board that cannot resend never repeats.
    /// </summary>
    private uint RepeatWindow() => _info!.ResendCapacity == 0 ? 0 : _info.ResendCapacity + 64;

    private bool CanResend() => _info is { ResendCapacity: > 0 } && _resend.FailedAttempts < 2;

    private void RequestResend(uint from)
    {
        _resend.Outstanding = true;
        _resend.DeadlineMs = _clock.MonotonicMs + _options.CommandTimeoutMs;
        Log.ResendRequested(_logger, _port.Path, _info!.DeviceId, from);
        SendInternal(BoardCommand.Resend(from), PendingKind.Resend);
    }

    /// <summary>The board's answer to a resend: frames <c>from</c>…<c>to</c> follow; older ones are gone.</summary>
    private void OnResendAck(AckFrame ack)
    {
        _resend.Outstanding = false;
        if (!uint.TryParse(Field(ack, "from"), out var from) || !uint.TryParse(Field(ack, "to"), out var to))
        {
            _resend.FailedAttempts++;
            return;
        }

        var expected = _tracker.Expected;
        _tracker.SkipTo(from);
        if (from > expected)
        {
            Log.FramesLost(_logger, _port.Path, _info!.DeviceId, _info.BootId, from - expected, from);
        }

        _resend.CoveredTo = to;
        _resend.CoverActive = from <= to;
    }

    private void Emit(Frame frame)
    {
        var info = _info!;
        Record record = frame switch
        {
            ReadingFrame r => new Reading(info.DeviceId, info.BootId, r.Seq, _clock.Now(), r.Values, UnitsOf(r.Values), checksummed: true),
            EventFrame e => new BoardEvent(info.DeviceId, info.BootId, e.Seq, _clock.Now(), e.EventType, e.Text),
            _ => throw new ArgumentException("Not a data frame.", nameof(frame)),
        };
        Append(record);
    }

    private void EmitUnattributed(Frame frame)
    {
        var info = _info!;
        Record record = frame switch
        {
            ReadingFrame r => new Reading(info.DeviceId, string.Empty, r.Seq, _clock.Now(), r.Values, UnitsOf(r.Values), checksummed: true),
            EventFrame e => new BoardEvent(info.DeviceId, string.Empty, e.Seq, _clock.Now(), e.EventType, e.Text),
            _ => throw new ArgumentException("Not a data frame.", nameof(frame)),
        };
        Append(record);
    }

    private void Append(Record record)
    {
        if (_outbox.TryStage(record))
        {
            _refusedSinceLog = 0;
            return;
        }

        // Once at the start of a refusal, then every 10 s with the count: the store logs why, and counts each one.
        _refusedSinceLog++;
        var now = _clock.MonotonicMs;
        if (_refusedSinceLog == 1 || now - _refusedLoggedMs >= 10_000)
        {
            Log.RecordRefused(_logger, _port.Path, record.DeviceId, record.Seq, _refusedSinceLog);
            _refusedLoggedMs = now;
        }
    }

    /// <summary>The units of the values, from the hello; the array is reused while the names repeat.</summary>
    private ImmutableArray<string> UnitsOf(ImmutableArray<SensorValue> values)
    {
        if (!_lastValues.IsDefault && SameNames(_lastValues, values))
        {
            return _lastUnits;
        }

        var units = ImmutableArray.CreateBuilder<string>(values.Length);
        foreach (var value in values)
        {
            units.Add(_info!.UnitOf(value.Name));
        }

        _lastValues = values;
        _lastUnits = units.MoveToImmutable();
        return _lastUnits;
    }

    private static bool SameNames(ImmutableArray<SensorValue> a, ImmutableArray<SensorValue> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i].Name, b[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Field(AckFrame ack, string key)
    {
        foreach (var pair in ack.Fields)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>Where a resend stands.</summary>
    private struct ResendState
    {
        public bool Outstanding;
        public long DeadlineMs;
        public int FailedAttempts;
        public uint CoveredTo;
        public bool CoverActive;

        /// <summary>Whether frames up to <see cref="CoveredTo"/> are still on their way from a resend.</summary>
        public readonly bool Covers(uint expected) => CoverActive && unchecked((int)(CoveredTo - expected)) >= 0;
    }
}
