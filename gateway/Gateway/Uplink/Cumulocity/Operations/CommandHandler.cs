using System.Diagnostics;
using System.Text;
using Gateway.Core.Devices;
using Gateway.Core.Mapping.Cumulocity;
using Gateway.Core.Operations;

namespace Gateway.Uplink.Cumulocity.Operations;

/// <summary>
/// <c>c8y_Command</c>. For a board: the text is a board command (<c>out 7 1</c>, <c>interval 2000</c>,
/// <c>info</c>…) sent on its command channel; the result is the board's answer. For the gateway: off
/// unless enabled, and then only command lines that equal an allowlist entry exactly run, through
/// <c>/bin/sh -c</c> with a time limit; the result is their output.
/// </summary>
internal sealed class CommandHandler(BoardAccess boards, GatewayCommandPolicy policy) : IOperationHandler
{
    private const int MaxResultBytes = 8000;

    public string Fragment => UpstreamRows.CommandFragment;

    public bool Supports(TargetKind kind, DeviceInfo? board) => kind == TargetKind.Board || (kind == TargetKind.Gateway && policy.Enabled);

    public async Task<OperationResult> ExecuteAsync(OperationTarget target, DeviceOperation operation, CancellationToken cancellationToken)
    {
        var text = ((CommandOperation)operation).Text.Trim();
        if (target.Kind == TargetKind.Gateway)
        {
            return policy.Allows(text, out var why) ? await RunOnGatewayAsync(text, cancellationToken) : OperationResult.Failure(why);
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return OperationResult.Failure("empty command");
        }

        if (!BoardCommand.TryParse(words[0], words[1..], out var command, out var error))
        {
            return OperationResult.Failure(error);
        }

        var outcome = await boards.SendAsync(target.BoardId, command!, cancellationToken);
        if (outcome.Status != CommandStatus.Ok)
        {
            return BoardAccess.Failed(command!.ToString(), outcome);
        }

        var result = new StringBuilder("ok");
        foreach (var (key, value) in outcome.Fields)
        {
            result.Append(' ').Append(key).Append('=').Append(value);
        }

        return OperationResult.Success(result.ToString());
    }

    private async Task<OperationResult> RunOnGatewayAsync(string text, CancellationToken cancellationToken)
    {
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("/bin/sh")
            {
                ArgumentList = { "-c", text },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            },
        };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(policy.Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return OperationResult.Failure($"'{text}' did not finish within {policy.Timeout.TotalSeconds:0} s and was stopped");
        }

        process.WaitForExit();
        string result;
        lock (output)
        {
            result = SmartRestEncoding.TruncateUtf8(output.ToString().TrimEnd('\n'), MaxResultBytes);
        }

        return process.ExitCode == 0
            ? OperationResult.Success(result)
            : OperationResult.Failure($"'{text}' exited with status {process.ExitCode}: {result}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < MaxResultBytes)
            {
                output.Append(line).Append('\n');
            }
        }
    }
}

/// <summary>Which shell commands <c>c8y_Command</c> may run on the gateway: none unless enabled, then only exact allowlist entries. Pure.</summary>
/// <param name="Enabled">Whether gateway commands are enabled at all.</param>
/// <param name="Allowlist">The exact command lines that may run.</param>
/// <param name="Timeout">How long one may run.</param>
internal sealed record GatewayCommandPolicy(bool Enabled, IReadOnlyList<string> Allowlist, TimeSpan Timeout)
{
    /// <summary>Whether <paramref name="command"/> may run; otherwise why not.</summary>
    public bool Allows(string command, out string reason)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Enabled)
        {
            reason = "shell commands on the gateway are disabled (Cumulocity:Operations:GatewayCommandsEnabled)";
            return false;
        }

        foreach (var allowed in Allowlist)
        {
            if (string.Equals(allowed.Trim(), command.Trim(), StringComparison.Ordinal))
            {
                reason = string.Empty;
                return true;
            }
        }

        reason = $"'{command}' is not in Cumulocity:Operations:GatewayCommandAllowlist";
        return false;
    }
}
