namespace BareMetal.Images;

/// <summary>A satisfiable byte range resolved against a representation length: bytes [Start, Start + Length).</summary>
/// <param name="Start">Offset of the first byte.</param>
/// <param name="Length">Number of bytes, at least 1.</param>
internal readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>Offset of the last byte (the <c>last-pos</c> of RFC 9110 §14.1.1).</summary>
    public long End => Start + Length - 1;
}
