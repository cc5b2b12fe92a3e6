using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Gateway.Uplink.Mqtt;
using MQTTnet;
using MQTTnet.Packets;

namespace Gateway.Tests.Uplink;

/// <summary>The MQTT link against a broker that accepts the connection and then never acknowledges a publish.</summary>
public sealed class MqttLinkTests
{
    [Fact(Timeout = 20_000)]
    public async Task A_publish_the_broker_never_acknowledges_ends_the_link_so_that_the_next_one_sends_it_again()
    {
        using var broker = new TcpListener(IPAddress.Loopback, 0);
        broker.Start();
        var port = ((IPEndPoint)broker.LocalEndpoint).Port;
        var accepting = AcceptAndSwallowAsync(broker, TestContext.Current.CancellationToken);

        var options = new MqttLinkOptions
        {
            Channel = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build(),
            Endpoint = $"127.0.0.1:{port}",
            ClientId = "link-test",
            KeepAlive = TimeSpan.FromSeconds(4),
            ReplyTimeout = TimeSpan.FromSeconds(1),
            MaxInFlight = 2,
        };
        var observer = new Observer();
        await using var link = await MqttLink.ConnectAsync(options, observer, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.NotNull(link.TryPublish("t", new ReadOnlySequence<byte>("1"u8.ToArray()), retain: false, token: 1));
        Assert.NotNull(link.TryPublish("t", new ReadOnlySequence<byte>("2"u8.ToArray()), retain: false, token: 2));
        Assert.Null(link.TryPublish("t", new ReadOnlySequence<byte>("3"u8.ToArray()), retain: false, token: 3));

        var reason = await link.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.StartsWith("no PUBACK for packet", reason, StringComparison.Ordinal);
        Assert.Equal(0, observer.Acknowledged);
        await accepting;
    }

    /// <summary>Answers the CONNECT with a CONNACK (accepted) and reads everything else without a reply.</summary>
    private static async Task AcceptAndSwallowAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = client.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer, cancellationToken);
        await stream.WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 }, cancellationToken);
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    private sealed class Observer : IMqttLinkObserver
    {
        public int Acknowledged { get; private set; }

        public void PublishAcknowledged(long token) => Acknowledged++;

        public void WindowOpened()
        {
        }

        public void MessageReceived(MqttPublishPacket message)
        {
        }
    }
}
