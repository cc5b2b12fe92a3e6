using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Gateway.Uplink.Mqtt;
using MQTTnet.Channel;

namespace Gateway.Tests.Uplink;

/// <summary>The read buffer in front of MQTTnet's channel: small reads served from one receive, nothing lost or reordered.</summary>
public sealed class ReadBufferedChannelTests
{
    [Fact]
    public async Task Packets_that_arrive_together_are_read_piece_by_piece_from_one_receive()
    {
        // Three PUBACKs (ids 1, 2, 3) in one receive, read as MQTTnet does: 2 header bytes, then the body.
        var inner = new ScriptedChannel([[0x40, 0x02, 0x00, 0x01, 0x40, 0x02, 0x00, 0x02, 0x40, 0x02, 0x00, 0x03]]);
        using var channel = new ReadBufferedChannel(inner);

        var bodies = new List<byte>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal([0x40, 0x02], await Read(channel, 2));
            bodies.AddRange(await Read(channel, 2));
        }

        Assert.Equal([0x00, 0x01, 0x00, 0x02, 0x00, 0x03], bodies);
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task A_packet_split_over_receives_is_put_together_and_the_end_of_the_stream_reads_as_zero()
    {
        var inner = new ScriptedChannel([[0x40], [0x02, 0x00], [0x07]]);
        using var channel = new ReadBufferedChannel(inner);

        var got = new List<byte>();
        while (got.Count < 4)
        {
            var piece = await Read(channel, 4 - got.Count);
            Assert.NotEmpty(piece);
            got.AddRange(piece);
        }

        Assert.Equal([0x40, 0x02, 0x00, 0x07], got);
        Assert.Empty(await Read(channel, 2));
    }

    [Fact]
    public async Task A_large_body_is_read_straight_into_the_callers_array_after_what_was_buffered()
    {
        var large = Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray();
        var inner = new ScriptedChannel([[0x30, 0xA0], large]);
        using var channel = new ReadBufferedChannel(inner);

        Assert.Equal([0x30, 0xA0], await Read(channel, 2));
        var buffer = new byte[large.Length];
        var read = await channel.ReadAsync(buffer, 0, buffer.Length, TestContext.Current.CancellationToken);

        Assert.Equal(large.Length, read);
        Assert.Equal(large, buffer);
        Assert.Equal(large.Length, inner.LargestRequest);
    }

    private static async Task<byte[]> Read(ReadBufferedChannel channel, int count)
    {
        var buffer = new byte[count];
        var read = await channel.ReadAsync(buffer, 0, count, TestContext.Current.CancellationToken);
        return buffer[..read];
    }

    /// <summary>A channel whose receives return the scripted chunks in turn, then the end of the stream.</summary>
    private sealed class ScriptedChannel(byte[][] chunks) : IMqttChannel
    {
        private int _next;

        public int Reads { get; private set; }

        public int LargestRequest { get; private set; }

        public X509Certificate2 ClientCertificate => null!;

        public EndPoint RemoteEndPoint => new IPEndPoint(IPAddress.Loopback, 1883);

        public EndPoint LocalEndPoint => new IPEndPoint(IPAddress.Loopback, 50000);

        public bool IsSecureConnection => false;

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            // Completes asynchronously, as a socket with nothing waiting does.
            await Task.Yield();
            Reads++;
            LargestRequest = Math.Max(LargestRequest, count);
            if (_next == chunks.Length)
            {
                return 0;
            }

            var chunk = chunks[_next++];
            Assert.True(chunk.Length <= count, "a scripted chunk larger than the read asked for");
            chunk.CopyTo(buffer, offset);
            return chunk.Length;
        }

        public void Dispose()
        {
        }
    }
}
