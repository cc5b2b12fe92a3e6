namespace Gateway.Health;

/// <summary>One health report: when it was made and its JSON (the retained health message and <c>health.json</c>).</summary>
/// <param name="Time">When it was made.</param>
/// <param name="Json">The report as UTF-8 JSON (ADR 0002, health).</param>
public sealed record HealthReport(DateTimeOffset Time, ReadOnlyMemory<byte> Json);
