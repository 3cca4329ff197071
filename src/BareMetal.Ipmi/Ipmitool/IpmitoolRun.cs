namespace BareMetal.Ipmi.Ipmitool;

/// <summary>What one ipmitool run produced.</summary>
internal sealed record IpmitoolRun(int ExitCode, string Output, string Diagnostics);
