namespace BareMetal.Ipmi.Ipmitool;

/// <summary>Reads ipmitool's words: the power status line, and the diagnostic lines that say why a run failed.</summary>
internal static class IpmitoolOutput
{
    // ipmitool 1.8.19 messages (lib/ipmi_chassis.c, src/plugins/lanplus/lanplus.c), matched case-insensitively.
    private static readonly (string Text, IpmiErrorKind Kind)[] Diagnoses =
    [
        ("RAKP 2 HMAC is invalid", IpmiErrorKind.AuthenticationFailed),
        ("RAKP 4 message has invalid integrity check", IpmiErrorKind.AuthenticationFailed),
        ("unauthorized name", IpmiErrorKind.AuthenticationFailed),
        ("invalid name length", IpmiErrorKind.AuthenticationFailed),
        ("Activate Session error", IpmiErrorKind.AuthenticationFailed),
        ("Unsupported cipher suite", IpmiErrorKind.UnsupportedCipherSuite),
        ("invalid authentication algorithm", IpmiErrorKind.UnsupportedCipherSuite),
        ("invalid integrity algorithm", IpmiErrorKind.UnsupportedCipherSuite),
        ("invalid confidentiality algorithm", IpmiErrorKind.UnsupportedCipherSuite),
        ("no matching cipher suite", IpmiErrorKind.UnsupportedCipherSuite),
        ("Insufficient privilege level", IpmiErrorKind.InsufficientPrivilege),
        ("unauthorized role or privilege level", IpmiErrorKind.InsufficientPrivilege),
        ("requested privilege level", IpmiErrorKind.InsufficientPrivilege),
        ("Address lookup for", IpmiErrorKind.Unreachable),
        ("Get Auth Capabilities error", IpmiErrorKind.Unreachable),
        ("No response from remote controller", IpmiErrorKind.Unreachable),
        ("Could not open socket", IpmiErrorKind.Unreachable),
    ];

    // Lines -v adds on every run, successful or not: noise in an error message.
    private static readonly string[] Chatter = ["Loading IANA PEN Registry", "Running Get VSO Capabilities", "Discovered IPMB address", "Get HPM.x Capabilities", "Invalid completion code received: Invalid command"];

    /// <summary>The error a failed run (non-zero exit) stands for.</summary>
    public static IpmiError Diagnose(IpmitoolRun run)
    {
        var lines = Meaningful(run.Diagnostics);
        foreach (var (text, kind) in Diagnoses)
        {
            if (run.Diagnostics.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return new IpmiError(kind, SummaryOf(kind), lines, run.ExitCode);
            }
        }

        return new IpmiError(IpmiErrorKind.CommandFailed, "ipmitool failed", lines ?? run.Output.Trim(), run.ExitCode);
    }

    /// <summary><c>Chassis Power is on|off</c> (ipmitool's <c>power status</c>).</summary>
    public static bool TryReadPowerState(string output, out IpmiPowerState state)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Equals("Chassis Power is on", StringComparison.OrdinalIgnoreCase))
            {
                state = IpmiPowerState.On;
                return true;
            }

            if (line.Equals("Chassis Power is off", StringComparison.OrdinalIgnoreCase))
            {
                state = IpmiPowerState.Off;
                return true;
            }
        }

        state = default;
        return false;
    }

    private static string SummaryOf(IpmiErrorKind kind) => kind switch
    {
        IpmiErrorKind.AuthenticationFailed => "the BMC refused the user name or password",
        IpmiErrorKind.UnsupportedCipherSuite => "the BMC does not support the requested cipher suite (try 3 or 17)",
        IpmiErrorKind.InsufficientPrivilege => "the account's privilege level does not allow this command",
        IpmiErrorKind.Unreachable => "no answer from the BMC (address, port, network or the BMC itself)",
        _ => "ipmitool failed",
    };

    private static string? Meaningful(string diagnostics)
    {
        var lines = diagnostics.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !Chatter.Any(c => l.StartsWith(c, StringComparison.Ordinal)))
            .Take(8)
            .ToArray();
        return lines.Length == 0 ? null : string.Join(" | ", lines);
    }
}
