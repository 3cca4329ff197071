using System.Text;

namespace BareMetal.Tftp;

/// <summary>Why a requested file name was refused (always answered with an access violation).</summary>
public enum TftpFileNameError
{
    /// <summary>The name is acceptable.</summary>
    None = 0,

    /// <summary>Empty.</summary>
    Empty,

    /// <summary>Longer than the configured limit.</summary>
    TooLong,

    /// <summary>Starts with '/' (absolute paths are refused; names are relative to the root).</summary>
    Absolute,

    /// <summary>Contains a backslash.</summary>
    Backslash,

    /// <summary>Contains a control character, NUL, DEL or a non-ASCII byte.</summary>
    InvalidCharacter,

    /// <summary>Contains an empty, '.' or '..' path segment.</summary>
    InvalidSegment,
}

/// <summary>Validates requested file names before any provider sees them (path traversal defence).</summary>
public static class TftpFileName
{
    /// <summary>The default longest name accepted, in bytes.</summary>
    public const int DefaultMaxLength = 255;

    /// <summary>Checks a name as sent on the wire.</summary>
    /// <param name="name">The raw bytes of the name.</param>
    /// <param name="maxLength">The longest name accepted.</param>
    /// <returns><see cref="TftpFileNameError.None"/> when the name is a safe relative path.</returns>
    public static TftpFileNameError Validate(ReadOnlySpan<byte> name, int maxLength)
    {
        if (name.IsEmpty)
        {
            return TftpFileNameError.Empty;
        }

        if (name.Length > maxLength)
        {
            return TftpFileNameError.TooLong;
        }

        if (name[0] == (byte)'/')
        {
            return TftpFileNameError.Absolute;
        }

        if (name.Contains((byte)'\\'))
        {
            return TftpFileNameError.Backslash;
        }

        foreach (var b in name)
        {
            if (b is < 0x20 or >= 0x7F)
            {
                return TftpFileNameError.InvalidCharacter;
            }
        }

        foreach (var range in name.Split((byte)'/'))
        {
            var segment = name[range];
            if (segment.IsEmpty || segment.SequenceEqual("."u8) || segment.SequenceEqual(".."u8))
            {
                return TftpFileNameError.InvalidSegment;
            }
        }

        return TftpFileNameError.None;
    }

    /// <summary>Validates and decodes a name.</summary>
    /// <param name="name">The raw bytes of the name.</param>
    /// <param name="maxLength">The longest name accepted.</param>
    /// <param name="value">The name as a string when valid.</param>
    /// <param name="error">Why the name was refused.</param>
    /// <returns>True when the name is a safe relative path.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> name, int maxLength, out string value, out TftpFileNameError error)
    {
        error = Validate(name, maxLength);
        value = error == TftpFileNameError.None ? Encoding.ASCII.GetString(name) : string.Empty;
        return error == TftpFileNameError.None;
    }
}
