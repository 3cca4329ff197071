namespace BareMetal.Ipxe;

/// <summary>A finding: code, severity, position and a message that says the fix.</summary>
/// <param name="Code">What was found.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Position">Where it is.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record IpxeDiagnostic(IpxeDiagnosticCode Code, IpxeSeverity Severity, IpxePosition Position, string Message)
{
    /// <summary>The code as shown to people: <c>IPXE001</c>.</summary>
    public string Id => "IPXE" + ((int)Code).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => $"{Position}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
