namespace BareMetal.Dhcp;

/// <summary>Every way <see cref="DhcpMessageReader.TryParse(ReadOnlySpan{byte}, out DhcpMessageReader, out DhcpParseError)"/> can reject bytes.</summary>
public enum DhcpParseError
{
    /// <summary>The message is well formed.</summary>
    None = 0,

    /// <summary>Fewer than 240 bytes: the fixed BOOTP header (236) plus the magic cookie (4) are incomplete (RFC 2131 §2).</summary>
    Truncated,

    /// <summary>The <c>op</c> field is neither 1 (BOOTREQUEST) nor 2 (BOOTREPLY) (RFC 2131 §2).</summary>
    InvalidOpcode,

    /// <summary>The <c>hlen</c> field is larger than the 16-byte <c>chaddr</c> field (RFC 2131 §2).</summary>
    HardwareAddressTooLong,

    /// <summary>The four bytes at offset 236 are not the magic cookie 99.130.83.99 (RFC 2131 §3).</summary>
    BadMagicCookie,

    /// <summary>An option's length byte, or its value, runs past the end of the packet (RFC 2132 §2).</summary>
    OptionOverrunsBuffer,

    /// <summary>An option whose value must have at least one byte (RFC 2132 §2) has length 0.</summary>
    ZeroLengthOption,

    /// <summary>Option 53 (message type) is not exactly one byte, or appears twice (RFC 2132 §9.6).</summary>
    InvalidMessageTypeOption,

    /// <summary>Option 57 (maximum message size) is not exactly two bytes (RFC 2132 §9.10).</summary>
    InvalidMaximumMessageSizeOption,

    /// <summary>Option 52 (overload) is not one byte valued 1, 2 or 3 (RFC 2132 §9.3).</summary>
    InvalidOverloadOption,

    /// <summary>Option 52 appears twice, or inside the <c>file</c> or <c>sname</c> field it overloads: a loop (RFC 2131 §4.1).</summary>
    OverloadLoop,

    /// <summary>An option inside an overloaded <c>file</c> or <c>sname</c> field runs past the end of that field (RFC 2131 §4.1).</summary>
    OverloadedFieldMalformed,
}
