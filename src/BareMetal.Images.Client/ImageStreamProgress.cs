namespace BareMetal.Images;

/// <summary>A snapshot of a running <see cref="ImageStreamClient"/> transfer, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="BytesReceived">Body bytes received from the server so far (compressed bytes for a compressed image).</param>
/// <param name="TotalBytes">The body length the server announced, or <see langword="null"/> when it sent none.</param>
/// <param name="BytesWritten">Bytes written to the target so far (after decompression).</param>
/// <param name="Resumes">How many times the transfer resumed after a dropped connection.</param>
/// <param name="Elapsed">Time since the transfer started.</param>
public readonly record struct ImageStreamProgress(long BytesReceived, long? TotalBytes, long BytesWritten, int Resumes, TimeSpan Elapsed)
{
    /// <summary>Fraction of the body received (0 to 1), or <see langword="null"/> when the length is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? (double)BytesReceived / TotalBytes.Value : null;
}
