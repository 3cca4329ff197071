using System.Globalization;
using System.Text;

namespace BareMetal.Tftp;

/// <summary>
/// The options this package understands, as requested by a client or acknowledged in an OACK. A null value
/// means "not present". Values outside their RFC range are dropped when read, as if the client had not asked.
/// </summary>
public readonly record struct TftpOptions
{
    /// <summary>Smallest block size (RFC 2348).</summary>
    public const int MinBlockSize = 8;

    /// <summary>Largest block size (RFC 2348).</summary>
    public const int MaxBlockSize = 65464;

    /// <summary>Block size without the option (RFC 1350).</summary>
    public const int DefaultBlockSize = 512;

    /// <summary>Largest window size (RFC 7440).</summary>
    public const int MaxWindowSize = 65535;

    /// <summary>Smallest <c>utimeout</c> accepted, in microseconds (tftp-hpa extension).</summary>
    public const int MinTimeoutMicroseconds = 1_000;

    /// <summary>Largest <c>utimeout</c> accepted, in microseconds (255 s, the largest <c>timeout</c>).</summary>
    public const int MaxTimeoutMicroseconds = 255_000_000;

    /// <summary><c>blksize</c>: bytes per DATA block, 8 to 65464 (RFC 2348).</summary>
    public int? BlockSize { get; init; }

    /// <summary><c>tsize</c>: the transfer size in bytes; 0 in a RRQ asks the server for it (RFC 2349).</summary>
    public long? TransferSize { get; init; }

    /// <summary><c>timeout</c>: retransmission timeout in seconds, 1 to 255 (RFC 2349).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary><c>utimeout</c>: retransmission timeout in microseconds (tftp-hpa extension).</summary>
    public int? TimeoutMicroseconds { get; init; }

    /// <summary><c>windowsize</c>: blocks sent before an ACK is awaited, 1 to 65535 (RFC 7440).</summary>
    public int? WindowSize { get; init; }

    /// <summary>True when no option is present (the transfer follows plain RFC 1350).</summary>
    public bool IsEmpty => BlockSize is null && TransferSize is null && TimeoutSeconds is null && TimeoutMicroseconds is null && WindowSize is null;

    /// <summary>Reads the known options of a request or OACK; unknown names and out-of-range values are ignored (RFC 2347).</summary>
    /// <param name="options">The options of a parsed packet.</param>
    /// <returns>The options understood.</returns>
    public static TftpOptions Read(TftpOptionEnumerator options)
    {
        int? blockSize = null, timeout = null, utimeout = null, window = null;
        long? transferSize = null;
        foreach (var option in options)
        {
            if (!long.TryParse(option.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            // The first occurrence of a name wins; later duplicates are ignored.
            if (Ascii.EqualsIgnoreCase(option.Name, "blksize"u8))
            {
                blockSize ??= value is >= MinBlockSize and <= MaxBlockSize ? (int)value : null; // RFC 2348
            }
            else if (Ascii.EqualsIgnoreCase(option.Name, "tsize"u8))
            {
                transferSize ??= value; // RFC 2349 section "Transfer Size Option"
            }
            else if (Ascii.EqualsIgnoreCase(option.Name, "timeout"u8))
            {
                timeout ??= value is >= 1 and <= 255 ? (int)value : null; // RFC 2349 section "Timeout Interval Option"
            }
            else if (Ascii.EqualsIgnoreCase(option.Name, "utimeout"u8))
            {
                utimeout ??= value is >= MinTimeoutMicroseconds and <= MaxTimeoutMicroseconds ? (int)value : null;
            }
            else if (Ascii.EqualsIgnoreCase(option.Name, "windowsize"u8))
            {
                window ??= value is >= 1 and <= MaxWindowSize ? (int)value : null; // RFC 7440 section 3
            }
        }

        return new TftpOptions
        {
            BlockSize = blockSize,
            TransferSize = transferSize,
            TimeoutSeconds = timeout,
            TimeoutMicroseconds = utimeout,
            WindowSize = window,
        };
    }

    /// <summary>Writes the present options as <c>name NUL value NUL</c> pairs.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="written">Bytes written, or 0 when the destination is too short.</param>
    /// <returns>False when <paramref name="destination"/> is too short.</returns>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var position = 0;
        if ((BlockSize is { } b && !TryWritePair(destination, ref position, "blksize"u8, b))
            || (TransferSize is { } t && !TryWritePair(destination, ref position, "tsize"u8, t))
            || (TimeoutSeconds is { } s && !TryWritePair(destination, ref position, "timeout"u8, s))
            || (TimeoutMicroseconds is { } u && !TryWritePair(destination, ref position, "utimeout"u8, u))
            || (WindowSize is { } w && !TryWritePair(destination, ref position, "windowsize"u8, w)))
        {
            return false;
        }

        written = position;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, "blksize", BlockSize);
        Append(text, "tsize", TransferSize);
        Append(text, "timeout", TimeoutSeconds);
        Append(text, "utimeout", TimeoutMicroseconds);
        Append(text, "windowsize", WindowSize);
        return text.Length == 0 ? "(none)" : text.ToString();

        static void Append(StringBuilder text, string name, long? value)
        {
            if (value is { } v)
            {
                text.Append(text.Length == 0 ? string.Empty : " ").Append(name).Append('=').Append(v.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool TryWritePair(Span<byte> destination, ref int position, ReadOnlySpan<byte> name, long value)
    {
        var rest = destination[position..];
        if (rest.Length < name.Length + 1)
        {
            return false;
        }

        name.CopyTo(rest);
        rest[name.Length] = 0;
        rest = rest[(name.Length + 1)..];
        if (!value.TryFormat(rest, out var digits, default, CultureInfo.InvariantCulture) || digits >= rest.Length)
        {
            return false;
        }

        rest[digits] = 0;
        position += name.Length + 1 + digits + 1;
        return true;
    }
}
