using Gateway.Serial;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Serial;

/// <summary>The direct tty connection on a pseudo-terminal: what a board sends is read, one reader at a time.</summary>
public sealed class TtyConnectionTests
{
    [Fact]
    public void A_port_already_open_in_another_program_is_refused_with_a_message_that_says_so()
    {
        using var directory = new TempDirectory();
        using var pty = PseudoTerminal.Open(directory.File("board"));
        using var first = TtyConnection.Open(pty.LinkPath, 115200);

        var refused = Assert.Throws<IOException>(() => TtyConnection.Open(pty.LinkPath, 115200));

        Assert.Contains("is in use by another program", refused.Message, StringComparison.Ordinal);
        Assert.True(SerialLink.IsPortFailure(refused), "a port in use is retried with backoff, like a port that is missing");
    }

    [Fact]
    public void The_port_is_free_again_once_its_reader_closes_it_and_bytes_written_meanwhile_are_read()
    {
        using var directory = new TempDirectory();
        using var pty = PseudoTerminal.Open(directory.File("board"));
        TtyConnection.Open(pty.LinkPath, 115200).Dispose();
        pty.Write("$R,1,v=1*0000\n");

        using var second = TtyConnection.Open(pty.LinkPath, 115200);
        var buffer = new byte[64];
        var read = second.Read(buffer, 2000);

        Assert.Equal("$R,1,v=1*0000\n", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
    }
}
