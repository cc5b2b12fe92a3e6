namespace Gateway.Cli;

/// <summary>
/// The parsed command line: a verb (<c>run</c>, <c>config check</c>, <c>config show</c>, <c>status</c>,
/// <c>version</c>, <c>help</c>) and options that become configuration overrides.
/// </summary>
internal sealed class CommandLine
{
    public string Verb { get; private set; } = "run";

    public string? ConfigFile { get; private set; }

    /// <summary><c>--json</c>: machine-readable output (status).</summary>
    public bool Json { get; private set; }

    public Dictionary<string, string?> Overrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Error { get; private set; }

    public const string Usage = """
        usage: gateway [run] [options]        run the gateway (what systemd starts)
               gateway config check [options] validate the configuration and exit
               gateway config show [options]  print the configuration in effect (secrets hidden)
               gateway status [--json] [options]  show the running gateway's health
               gateway version | help

        options:
          --config FILE          configuration file (default /etc/gateway/gateway.json)
          --serial PATH          read this port (repeatable; replaces discovery)
          --lenient              read the --serial ports in lenient mode (plain name=value lines)
          --device-id ID         device id of the --serial port (for boards without a hello)
          --mqtt HOST[:PORT]     local broker
          --data DIR             data directory (store, state)
          --id ID                gateway id
          --set KEY=VALUE        any setting, e.g. --set Mqtt:MaxInFlight=200 (repeatable)
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        var ports = 0;
        var i = 0;
        if (i < args.Count && !args[i].StartsWith('-'))
        {
            line.Verb = args[i++];
            if (line.Verb == "config" && i < args.Count && !args[i].StartsWith('-'))
            {
                line.Verb = "config " + args[i++];
            }
        }

        for (; i < args.Count && line.Error is null; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--json":
                    line.Json = true;
                    break;
                case "--config":
                    line.ConfigFile = Path.GetFullPath(Next() ?? line.Missing(arg));
                    break;
                case "--serial":
                    line.Overrides[$"Serial:Ports:{ports++}:Path"] = Next() ?? line.Missing(arg);
                    break;
                case "--lenient":
                    for (var p = 0; p < Math.Max(ports, 1); p++)
                    {
                        line.Overrides[$"Serial:Ports:{p}:Mode"] = "Lenient";
                    }

                    break;
                case "--device-id":
                    line.Overrides[$"Serial:Ports:{Math.Max(ports - 1, 0)}:DeviceId"] = Next() ?? line.Missing(arg);
                    break;
                case "--mqtt":
                    line.SetBroker(Next() ?? line.Missing(arg));
                    break;
                case "--data":
                    line.Overrides["Gateway:DataDirectory"] = Next() ?? line.Missing(arg);
                    break;
                case "--id":
                    line.Overrides["Gateway:Id"] = Next() ?? line.Missing(arg);
                    break;
                case "--set":
                    var pair = Next() ?? line.Missing(arg);
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        line.Error = $"--set wants KEY=VALUE, not '{pair}'";
                    }
                    else
                    {
                        line.Overrides[pair[..eq]] = pair[(eq + 1)..];
                    }

                    break;
                case "-h" or "--help":
                    line.Verb = "help";
                    break;
                default:
                    line.Error = $"unknown option '{arg}'";
                    break;
            }
        }

        return line;
    }

    private string Missing(string option)
    {
        Error ??= $"{option} needs a value";
        return string.Empty;
    }

    private void SetBroker(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon > 0 && !value.EndsWith(']'))
        {
            Overrides["Mqtt:Host"] = value[..colon];
            Overrides["Mqtt:Port"] = value[(colon + 1)..];
        }
        else
        {
            Overrides["Mqtt:Host"] = value;
        }

        Overrides["Mqtt:Enabled"] = "true";
    }
}
