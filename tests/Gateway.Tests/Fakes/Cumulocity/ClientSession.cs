using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Gateway.Tests.Fakes.Cumulocity;

/// <summary>One accepted MQTT connection, kept in MQTTnet's session items so every event finds it.</summary>
internal sealed class ClientSession(string clientId, ClientIdentity identity, string userName, bool isBootstrap)
{
    public string ClientId { get; } = clientId;

    public string DeviceId => Identity.DeviceId;

    public ClientIdentity Identity { get; } = identity;

    public string UserName { get; } = userName;

    public bool IsBootstrap { get; } = isBootstrap;

    public Dictionary<string, MqttQualityOfServiceLevel> Subscriptions { get; } = new(StringComparer.Ordinal);

    public MqttSessionStatus? Status { get; set; }

    public bool Connected { get; set; }

    /// <summary>Completes once the server has finished with the connection (its will sent, its session deleted).</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
