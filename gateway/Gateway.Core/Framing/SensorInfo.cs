namespace Gateway.Core.Framing;

/// <summary>A sensor announced in a hello (<c>s=name:unit</c>); the unit may be empty.</summary>
public readonly record struct SensorInfo(string Name, string Unit);
