namespace BareMetal.Ipmi;

/// <summary>
/// How the BMC password reaches ipmitool: the <c>IPMI_PASSWORD</c> environment variable of the child process
/// (<c>-E</c>; readable only by the same user and root, through /proc) or a file (<c>-f</c>). Never <c>-P</c>: the
/// command line is visible to every local user. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class IpmiPassword
{
    private IpmiPassword(string? value, string? file)
    {
        Value = value;
        File = file;
    }

    internal string? Value { get; }

    /// <summary>The password file's path, when the password comes from a file.</summary>
    public string? File { get; }

    /// <summary>The password itself, handed to ipmitool through its environment.</summary>
    public static IpmiPassword FromValue(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return new IpmiPassword(password, null);
    }

    /// <summary>A file whose first line is the password (ipmitool reads it itself; keep it mode 0600).</summary>
    public static IpmiPassword FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new IpmiPassword(null, path);
    }

    /// <summary>Where the password comes from, never the password.</summary>
    public override string ToString() => File is null ? "IpmiPassword(value hidden)" : $"IpmiPassword(file {File})";
}
