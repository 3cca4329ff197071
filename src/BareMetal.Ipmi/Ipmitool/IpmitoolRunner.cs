using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace BareMetal.Ipmi.Ipmitool;

/// <summary>
/// Starts ipmitool with an argument list (no shell, so nothing in a host name or user name is interpreted),
/// the password in its environment or a file, bounded in time; kills it when the time is up.
/// </summary>
internal static class IpmitoolRunner
{
    public const string PasswordVariable = "IPMI_PASSWORD";

    /// <summary>The arguments for <paramref name="command"/>: session options first, then the command words.</summary>
    public static List<string> Arguments(IpmiClientOptions options, IEnumerable<string> command)
    {
        var args = new List<string>
        {
            "-I", "lanplus",
            "-H", options.Host,
            "-p", options.Port.ToString(CultureInfo.InvariantCulture),
            "-U", options.UserName,
            "-L", options.Privilege,
            "-C", options.CipherSuite.ToString(CultureInfo.InvariantCulture),
            "-N", options.RetransmitSeconds.ToString(CultureInfo.InvariantCulture),
            "-R", options.Retries.ToString(CultureInfo.InvariantCulture),
        };

        if (options.Password.File is { } file)
        {
            args.AddRange(["-f", file]);
        }
        else
        {
            args.Add("-E");
        }

        // -v makes ipmitool say why a session failed (RAKP 2 HMAC invalid, unauthorized name, ...): the error kinds need it.
        args.Add("-v");
        args.AddRange(command);
        return args;
    }

    public static async Task<IpmiResult<IpmitoolRun>> RunAsync(IpmiClientOptions options, IEnumerable<string> command, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(options.IpmitoolPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(options, command))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove(PasswordVariable);
        if (options.Password.Value is { } password)
        {
            info.Environment[PasswordVariable] = password;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("Process.Start returned null");
        }
        catch (Win32Exception exception)
        {
            return new IpmiError(IpmiErrorKind.ToolMissing, $"'{options.IpmitoolPath}' cannot be started ({exception.Message}); install Debian's ipmitool package");
        }

        using (process)
        {
            // ipmitool never needs input; a closed stdin keeps it from waiting for a password prompt.
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var diagnostics = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the timeout and the kill.
                }

                cancellationToken.ThrowIfCancellationRequested();
                return new IpmiError(IpmiErrorKind.Timeout, $"ipmitool did not finish within {options.CommandTimeout.TotalSeconds:0.###} s and was stopped");
            }

            return new IpmitoolRun(process.ExitCode, await output.ConfigureAwait(false), Redact(await diagnostics.ConfigureAwait(false), options.Password.Value));
        }
    }

    /// <summary>ipmitool does not print the password; this makes sure no version of it ever reaches an error or a log.</summary>
    internal static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);
}
