namespace BareMetal.Dhcp.Server.Leases;

/// <summary>Why lease journal recovery stopped before the end of the file.</summary>
public enum LeaseJournalDamage
{
    /// <summary>The whole journal was read.</summary>
    None = 0,

    /// <summary>The file does not start with the journal header (magic <c>BMLJ</c>, version 1): it was set aside and a new journal started.</summary>
    BadHeader,

    /// <summary>The last record is cut short (the process died while writing it).</summary>
    TruncatedRecord,

    /// <summary>A record's length field is not the format's record length.</summary>
    BadRecordLength,

    /// <summary>A record's CRC-32C does not match its bytes.</summary>
    ChecksumMismatch,

    /// <summary>A record has a valid checksum but an unknown kind, state or client key kind.</summary>
    UnknownRecordContent,
}
