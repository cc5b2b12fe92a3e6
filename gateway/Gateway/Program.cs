using Gateway.Cli;

return await GatewayCommands.RunAsync(args);
