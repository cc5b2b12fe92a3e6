namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>Where a sensor's values go in Cumulocity: a fragment and a series, optionally a unit to use instead of the board's.</summary>
/// <param name="Fragment">E.g. <c>c8y_Temperature</c>.</param>
/// <param name="Series">E.g. <c>T</c>.</param>
/// <param name="Unit">A unit that replaces the board's, or null to keep the board's.</param>
public readonly record struct MeasurementTarget(string Fragment, string Series, string? Unit = null);
