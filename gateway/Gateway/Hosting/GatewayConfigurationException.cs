namespace Gateway.Hosting;

/// <summary>A setting that cannot work (a file that is missing or exposed, a certificate that does not load).</summary>
public sealed class GatewayConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
