using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>The gateway's resolved id (configured, or derived from the machine id), computed once.</summary>
public sealed class GatewayIdentityAccessor
{
    /// <summary>Resolves the id from the <c>Gateway</c> section.</summary>
    public GatewayIdentityAccessor(IOptions<GatewayOptions> options) => Id = GatewayIdentity.Resolve(options.Value);

    /// <summary>The gateway's id.</summary>
    public string Id { get; }
}
