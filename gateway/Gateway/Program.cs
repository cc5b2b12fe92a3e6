using Gateway.Cli;

// Socket completions run on the socket engine's own thread instead of being handed to the thread pool:
// the uplink's receive loop only does bookkeeping and short sends, and a hand-off per PUBACK costs more CPU
// than the work itself (docs/benchmarks.md). Read when sockets are first used, so set before anything else.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

return await GatewayCommands.RunAsync(args);
