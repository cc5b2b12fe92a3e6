namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>One value of a measurement: <c>fragment</c>, <c>series</c>, the value as decimal text, the unit.</summary>
/// <param name="Fragment">E.g. <c>c8y_Temperature</c>.</param>
/// <param name="Series">E.g. <c>T</c>.</param>
/// <param name="Value">The number as text, e.g. <c>21.50</c>.</param>
/// <param name="Unit">E.g. <c>C</c>; empty when unknown.</param>
public readonly record struct MeasurementSeries(string Fragment, string Series, string Value, string Unit);
