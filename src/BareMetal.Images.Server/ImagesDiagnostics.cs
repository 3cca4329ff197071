namespace BareMetal.Images;

/// <summary>Names under which the image endpoints publish metrics and logs, for OpenTelemetry or dotnet-counters.</summary>
public static class ImagesDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>BareMetal.Images</c>.</summary>
    public const string MeterName = "BareMetal.Images";

    /// <summary>The logger category of the image endpoints.</summary>
    public const string LoggerCategory = "BareMetal.Images.Server";
}
