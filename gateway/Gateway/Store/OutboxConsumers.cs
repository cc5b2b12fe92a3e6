using Microsoft.Extensions.Configuration;

namespace Gateway.Store;

/// <summary>
/// The names under which uplinks read the outbox. The composition declares the active ones when it creates
/// the outbox: a record leaves the store once every declared consumer has acknowledged it, and the positions
/// of a consumer no longer declared are forgotten, so an uplink taken out of the configuration does not hold
/// the backlog.
/// </summary>
public static class OutboxConsumers
{
    /// <summary>The local MQTT broker uplink (<c>Mqtt:Enabled</c>, on unless set to false).</summary>
    public const string Mqtt = "mqtt";

    /// <summary>The Cumulocity uplink (<c>Cumulocity:Enabled</c>, off unless set to true).</summary>
    public const string Cumulocity = "cumulocity";

    /// <summary>The consumers the configuration enables, in a fixed order.</summary>
    public static IReadOnlyList<string> Active(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var active = new List<string>(2);
        if (configuration.GetValue("Mqtt:Enabled", true))
        {
            active.Add(Mqtt);
        }

        if (configuration.GetValue("Cumulocity:Enabled", false))
        {
            active.Add(Cumulocity);
        }

        return active;
    }

    /// <summary>Checks a declaration: names not empty, each once.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    internal static string[] Check(IEnumerable<string> consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        var names = consumers.ToArray();
        foreach (var name in names)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(consumers));
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"Each consumer is declared once: {string.Join(", ", names)}.", nameof(consumers));
        }

        return names;
    }

    /// <summary>The exception for a consumer that was not declared.</summary>
    internal static ArgumentException Undeclared(string consumer, IEnumerable<string> declared) =>
        new($"The outbox was created for the consumers [{string.Join(", ", declared)}], not '{consumer}': declare it when the outbox is created.", nameof(consumer));
}
