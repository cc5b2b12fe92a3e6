using System.Buffers;
using System.Collections.Concurrent;
using Gateway.Core.Framing;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Faults;

/// <summary>The virtual board, seen from the gateway's side of the pty: it must answer as the GatewayLink firmware does.</summary>
public sealed class VirtualBoardTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 30_000)]
    public async Task It_says_hello_streams_numbered_readings_and_answers_commands_as_the_firmware_does()
    {
        using var directory = new TempDirectory();
        using var pty = PseudoTerminal.Open(directory.File("board"));
        using var board = VirtualBoard.Start(pty, new VirtualBoardOptions { Readings = 20, ResendCapacity = 8 });
        await using var side = new GatewaySide(pty.LinkPath);

        var hello = Assert.IsType<HelloFrame>(await side.NextAsync());
        Assert.Equal((0u, "3F9A2C71D04B8E15", "0000002A", 8u), (hello.Seq, hello.DeviceId, hello.BootId, hello.ResendCapacity));
        for (uint seq = 1; seq <= 20; seq++)
        {
            Assert.Equal(seq, Assert.IsType<ReadingFrame>(await side.NextAsync()).Seq);
        }

        // Older than the ring: the ack raises from to the oldest frame held, and those follow with their numbers.
        side.Send(new CommandFrame(1, "resend", ["5"]));
        Assert.Equal(["from=13", "to=20"], Fields(Assert.IsType<AckFrame>(await side.NextAsync()), 1, 20));
        for (uint seq = 13; seq <= 20; seq++)
        {
            Assert.Equal(seq, Assert.IsType<ReadingFrame>(await side.NextAsync()).Seq);
        }

        side.Send(new CommandFrame(2, "resend", ["21"]));
        Assert.Equal(["from=21", "to=20"], Fields(Assert.IsType<AckFrame>(await side.NextAsync()), 2, 20));
        side.Send(new CommandFrame(3, "info", []));
        Assert.Empty(Fields(Assert.IsType<AckFrame>(await side.NextAsync()), 3, 20));
        Assert.Equal(20u, Assert.IsType<HelloFrame>(await side.NextAsync()).Seq);
        side.Send(new CommandFrame(4, "out", ["7", "1"]));
        Assert.Equal(NakReason.BadArgument, Assert.IsType<NakFrame>(await side.NextAsync()).Reason);
        side.Send(new CommandFrame(5, "dance", []));
        Assert.Equal(NakReason.UnknownVerb, Assert.IsType<NakFrame>(await side.NextAsync()).Reason);
        side.Send(new CommandFrame(6, "read", []));
        Assert.IsType<AckFrame>(await side.NextAsync());
        Assert.Equal(21u, Assert.IsType<ReadingFrame>(await side.NextAsync()).Seq);
        side.Send(new CommandFrame(7, "reboot", []));
        Assert.IsType<AckFrame>(await side.NextAsync());
        var again = Assert.IsType<HelloFrame>(await side.NextAsync());
        Assert.Equal((0u, "0000002B"), (again.Seq, again.BootId));
        Assert.Null(board.Fault);
    }

    private static string[] Fields(AckFrame ack, ushort id, uint lastSeq)
    {
        Assert.Equal(id, ack.CommandId);
        Assert.Equal(lastSeq, ack.Seq);
        return [.. ack.Fields.Select(f => $"{f.Key}={f.Value}")];
    }

    /// <summary>The gateway's end of the pty: frames read on a thread of its own, commands written.</summary>
    private sealed class GatewaySide : IAsyncDisposable
    {
        private readonly FileStream _port;
        private readonly BlockingCollection<Frame> _frames = [];
        private readonly Task _reading;

        public GatewaySide(string path)
        {
            _port = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            _reading = Task.Factory.StartNew(Read, TaskCreationOptions.LongRunning);
        }

        public async Task<Frame> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Wait);
            return await Task.Run(() => _frames.Take(timeout.Token), timeout.Token);
        }

        public void Send(CommandFrame command) => _port.Write(FrameWriter.ToBytes(command));

        public async ValueTask DisposeAsync()
        {
            await _port.DisposeAsync();
            _frames.CompleteAdding();
            _ = _reading;
        }

        private void Read()
        {
            var reader = new FrameReader();
            byte[] pending = [];
            var chunk = new byte[4096];
            try
            {
                int read;
                while ((read = _port.Read(chunk)) > 0)
                {
                    var bytes = pending.Concat(chunk.Take(read)).ToArray();
                    var buffer = new ReadOnlySequence<byte>(bytes);
                    while (reader.TryRead(ref buffer, out var item))
                    {
                        if (item.Frame is { } frame)
                        {
                            _frames.Add(frame);
                        }
                    }

                    pending = buffer.ToArray();
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }
}
