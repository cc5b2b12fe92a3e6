namespace Gateway.Core.Framing;

/// <summary>A digital output announced in a hello (<c>o=pin:name</c>).</summary>
public readonly record struct OutputInfo(uint Pin, string Name);
