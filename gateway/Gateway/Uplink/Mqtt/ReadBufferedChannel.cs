using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace Gateway.Uplink.Mqtt;

/// <summary>
/// MQTTnet's TCP channel (plain or TLS) with a read buffer in front. MQTTnet reads each packet in small
/// pieces (the fixed header, then the body): unbuffered, every 4-byte PUBACK costs two receive calls, and
/// a burst of them twice as many calls as packets. Here one receive takes whatever the socket holds.
/// </summary>
internal sealed class ReadBufferedChannel(IMqttChannel inner) : IMqttChannel
{
    private const int BufferBytes = 16 * 1024;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _start;
    private int _end;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    /// <summary>Reads from the buffer, refilling it with one receive when it is empty; 0 at the end of the stream.</summary>
    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            return Task.FromResult(Take(buffer, offset, count));
        }

        if (count >= BufferBytes)
        {
            // A large body: straight into the caller's array.
            return inner.ReadAsync(buffer, offset, count, cancellationToken);
        }

        var fill = inner.ReadAsync(_buffer, 0, BufferBytes, cancellationToken);
        if (fill.IsCompletedSuccessfully)
        {
            return Task.FromResult(Filled(fill.Result, buffer, offset, count));
        }

        return FillAsync(fill, buffer, offset, count);
    }

    public void Dispose() => inner.Dispose();

    private async Task<int> FillAsync(Task<int> fill, byte[] buffer, int offset, int count) => Filled(await fill, buffer, offset, count);

    private int Filled(int read, byte[] buffer, int offset, int count)
    {
        _start = 0;
        _end = read;
        return read == 0 ? 0 : Take(buffer, offset, count);
    }

    private int Take(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(buffer.AsSpan(offset, n));
        _start += n;
        return n;
    }
}

/// <summary>Makes MQTTnet's client adapters over a <see cref="ReadBufferedChannel"/> (TCP and TLS endpoints only).</summary>
internal sealed class ReadBufferedAdapterFactory : IMqttClientAdapterFactory
{
    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChannelOptions is not MqttClientTcpOptions)
        {
            throw new NotSupportedException($"Only TCP endpoints are supported, not {options.ChannelOptions?.GetType().Name ?? "none"}.");
        }

        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        return new MqttChannelAdapter(new ReadBufferedChannel(new MqttTcpChannel(options)), formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
    }
}
