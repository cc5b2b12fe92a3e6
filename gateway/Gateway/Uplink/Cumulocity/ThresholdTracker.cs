using System.Collections.Immutable;
using Gateway.Core.Telemetry;

namespace Gateway.Uplink.Cumulocity;

/// <summary>What a threshold rule says about one value.</summary>
internal enum AlarmTransition
{
    /// <summary>Raise the alarm (301–304).</summary>
    Raise,

    /// <summary>Clear the alarm (306).</summary>
    Clear,
}

/// <summary>A change a rule asks for on one board.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="DeviceId">The board.</param>
/// <param name="Transition">Raise or clear.</param>
/// <param name="Value">The value that caused it.</param>
/// <param name="Time">The reading's time.</param>
internal sealed record AlarmChange(ThresholdRule Rule, string DeviceId, AlarmTransition Transition, double Value, DateTimeOffset Time);

/// <summary>
/// The state machine of every threshold rule per board, fed the readings in order. Each (rule, board)
/// starts <em>unknown</em>: its first value beyond the limit raises, its first value back inside by the
/// hysteresis clears (so a state Cumulocity may still hold from before is made right), a value in the
/// hysteresis band decides nothing. After that only changes come out: one raise per excursion, one clear
/// when it ends. Raising twice or clearing a cleared alarm is harmless in Cumulocity (one active alarm per
/// type, counted), which is why <see cref="Reset"/> after a rewind of the reading stream is safe. Pure.
/// </summary>
internal sealed class ThresholdTracker
{
    private readonly ImmutableArray<ThresholdRule> _rules;
    private readonly Dictionary<(ThresholdRule Rule, string Device), bool> _raised = [];

    /// <summary>A tracker of <paramref name="rules"/>.</summary>
    public ThresholdTracker(IEnumerable<ThresholdRule> rules) => _rules = [.. rules];

    /// <summary>Whether there are rules at all.</summary>
    public bool HasRules => !_rules.IsEmpty;

    /// <summary>Whether the alarm of <paramref name="rule"/> on <paramref name="device"/> is raised; null while unknown.</summary>
    public bool? IsRaised(ThresholdRule rule, string device) => _raised.TryGetValue((rule, device), out var raised) ? raised : null;

    /// <summary>The alarm changes <paramref name="reading"/> causes, in rule order.</summary>
    public IReadOnlyList<AlarmChange> Evaluate(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (_rules.IsEmpty)
        {
            return [];
        }

        List<AlarmChange>? changes = null;
        foreach (var value in reading.Values)
        {
            if (!double.IsFinite(value.Value))
            {
                continue;
            }

            foreach (var rule in _rules)
            {
                if (rule.Applies(reading.DeviceId, value.Name) && Step(rule, reading.DeviceId, value.Value) is { } transition)
                {
                    (changes ??= []).Add(new AlarmChange(rule, reading.DeviceId, transition, value.Value, reading.Stamp.Wall));
                }
            }
        }

        return changes ?? (IReadOnlyList<AlarmChange>)[];
    }

    /// <summary>One value through one rule's state machine.</summary>
    public AlarmTransition? Step(ThresholdRule rule, string device, double value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var key = (rule, device);
        bool? raised = _raised.TryGetValue(key, out var known) ? known : null;
        if (raised != true && rule.Breaches(value))
        {
            _raised[key] = true;
            return AlarmTransition.Raise;
        }

        if (raised != false && rule.Recovered(value))
        {
            _raised[key] = false;
            return AlarmTransition.Clear;
        }

        return null;
    }

    /// <summary>Forgets every state: the next values decide afresh (after the reading stream is read again from an earlier point).</summary>
    public void Reset() => _raised.Clear();
}
