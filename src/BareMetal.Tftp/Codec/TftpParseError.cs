namespace BareMetal.Tftp;

/// <summary>Why <see cref="TftpPacket.TryParse"/> refused a datagram: every way TFTP bytes can be wrong.</summary>
public enum TftpParseError
{
    /// <summary>The packet parsed.</summary>
    None = 0,

    /// <summary>Fewer than the two bytes of an opcode.</summary>
    TooShort,

    /// <summary>The opcode is not 1 to 6.</summary>
    UnknownOpcode,

    /// <summary>A DATA, ACK or ERROR packet shorter than its four-byte header.</summary>
    HeaderTruncated,

    /// <summary>A request whose file name is empty.</summary>
    FileNameEmpty,

    /// <summary>A request whose file name has no terminating NUL.</summary>
    FileNameNotTerminated,

    /// <summary>A request whose mode has no terminating NUL.</summary>
    ModeNotTerminated,

    /// <summary>A request whose mode is not netascii, octet or mail (RFC 1350 section 5).</summary>
    UnknownMode,

    /// <summary>An option name without its terminating NUL, or without a value (RFC 2347).</summary>
    OptionNotTerminated,

    /// <summary>An option with an empty name (RFC 2347).</summary>
    OptionNameEmpty,

    /// <summary>An OACK without any option (RFC 2347 requires at least one).</summary>
    OptionAckEmpty,

    /// <summary>An ERROR packet whose error code is not 0 to 8.</summary>
    UnknownErrorCode,
}
