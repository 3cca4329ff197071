namespace BareMetal.Dhcp6;

/// <summary>Every way <see cref="Dhcp6MessageReader.TryParse(ReadOnlySpan{byte}, out Dhcp6MessageReader, out Dhcp6ParseError)"/> can reject bytes.</summary>
public enum Dhcp6ParseError
{
    /// <summary>The message is well formed.</summary>
    None = 0,

    /// <summary>Shorter than its fixed header: 4 bytes for client/server messages (RFC 8415 §8), 34 for relay messages (§9).</summary>
    Truncated,

    /// <summary><c>msg-type</c> is 0, which IANA reserves (RFC 8415 §7.3).</summary>
    InvalidMessageType,

    /// <summary>An option's 4-byte header, or its value, runs past the end of the message or of the option holding it (RFC 8415 §21.1).</summary>
    OptionOverrunsBuffer,

    /// <summary>An option's length breaks its definition: a fixed length (e.g. Elapsed Time is 2, Rapid Commit 0) or a minimum (IA_NA 12, IA Address 24).</summary>
    InvalidOptionLength,

    /// <summary>An option's value is malformed inside: a class item or DNS name running past the option, a prefix length over 128.</summary>
    MalformedOptionValue,

    /// <summary>A Client or Server Identifier is not a valid DUID: 1 to 128 bytes after the type (RFC 8415 §11.1), and the layout of LLT, EN, LL or UUID (RFC 6355).</summary>
    InvalidDuid,

    /// <summary>An option that may appear once per message (Client/Server Identifier, Elapsed Time, Relay Message, Interface-Id...) appears twice (RFC 8415 §21).</summary>
    DuplicateOption,

    /// <summary>A Relay-Forw or Relay-Reply has no Relay Message option (RFC 8415 §9).</summary>
    MissingRelayMessage,

    /// <summary>Relay messages nest deeper than the hop count limit of 8 relays allows (RFC 8415 §7.6, §19.1.1).</summary>
    RelayNestingTooDeep,
}
