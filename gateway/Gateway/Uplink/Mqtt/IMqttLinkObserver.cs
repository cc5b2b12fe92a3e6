using MQTTnet.Packets;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// What an <see cref="MqttLink"/> reports from its receive loop. Called on the socket's completion thread:
/// implementations do bookkeeping only and hand anything slow to another thread.
/// </summary>
internal interface IMqttLinkObserver
{
    /// <summary>The broker acknowledged the publish sent with <paramref name="token"/>.</summary>
    void PublishAcknowledged(long token);

    /// <summary>A window slot is free again (after a PUBACK).</summary>
    void WindowOpened();

    /// <summary>A message arrived on a subscription (already acknowledged if QoS 1).</summary>
    void MessageReceived(MqttPublishPacket message);
}
