using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace BareMetal.Images;

/// <summary>
/// The identity of one version of a file, taken from the open descriptor: size and modification time. Its strong
/// entity tag (RFC 9110 §8.8.3) changes whenever either changes, so a file replaced or rewritten while it is
/// being served gets a new tag and resumes made with the old tag fail cleanly (If-Range, §13.1.5).
/// </summary>
internal readonly record struct ImageFileVersion(long Length, DateTime LastWriteUtc)
{
    public static ImageFileVersion Of(SafeFileHandle handle) =>
        new(RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle));

    /// <summary>A strong entity tag: <c>"&lt;length hex&gt;-&lt;mtime ticks hex&gt;"</c> (suffix for derived representations).</summary>
    public string EntityTag(string? suffix = null) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{Length:x}-{LastWriteUtc.Ticks:x}{suffix}\"");

    /// <summary>Last-Modified at one-second precision, the precision of HTTP-date (RFC 9110 §5.6.7).</summary>
    public DateTimeOffset LastModified =>
        new(LastWriteUtc.Ticks - (LastWriteUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
