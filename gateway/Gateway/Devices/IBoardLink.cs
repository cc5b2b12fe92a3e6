using Gateway.Core.Operations;

namespace Gateway.Devices;

/// <summary>The way to a board over its serial link, for as long as the link is open.</summary>
public interface IBoardLink
{
    /// <summary>The port the board is on.</summary>
    string Port { get; }

    /// <summary>Sends a command and waits for its ack or nak, at most <paramref name="timeout"/>. Never throws for link trouble: it is an outcome.</summary>
    Task<CommandOutcome> SendAsync(BoardCommand command, TimeSpan timeout, CancellationToken cancellationToken);
}
