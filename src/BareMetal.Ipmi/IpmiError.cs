namespace BareMetal.Ipmi;

/// <summary>
/// Why an IPMI operation failed: a kind, a summary, and ipmitool's own diagnostic lines. Built from ipmitool's
/// output with the password removed should it ever appear there; the command line holds no secret either.
/// </summary>
public sealed class IpmiError
{
    /// <summary>Creates an error.</summary>
    public IpmiError(IpmiErrorKind kind, string summary, string? toolOutput = null, int? exitCode = null)
    {
        Kind = kind;
        Summary = summary;
        ToolOutput = toolOutput;
        ExitCode = exitCode;
    }

    /// <summary>What went wrong.</summary>
    public IpmiErrorKind Kind { get; }

    /// <summary>A one-line description.</summary>
    public string Summary { get; }

    /// <summary>ipmitool's diagnostic lines (stderr), trimmed, when there were any.</summary>
    public string? ToolOutput { get; }

    /// <summary>ipmitool's exit code, when it ran to the end.</summary>
    public int? ExitCode { get; }

    /// <summary>Kind, summary and ipmitool's lines.</summary>
    public override string ToString() => ToolOutput is null ? $"{Kind}: {Summary}" : $"{Kind}: {Summary} (ipmitool: {ToolOutput})";
}
