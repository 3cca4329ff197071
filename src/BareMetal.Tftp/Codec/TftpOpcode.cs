namespace BareMetal.Tftp;

/// <summary>The TFTP packet types (RFC 1350 section 5, RFC 2347 for OACK), as the first two bytes on the wire.</summary>
public enum TftpOpcode : ushort
{
    /// <summary>Not a valid opcode; the value of a default packet.</summary>
    None = 0,

    /// <summary>Read request (RRQ), RFC 1350 section 5.</summary>
    ReadRequest = 1,

    /// <summary>Write request (WRQ), RFC 1350 section 5.</summary>
    WriteRequest = 2,

    /// <summary>Data block (DATA), RFC 1350 section 5.</summary>
    Data = 3,

    /// <summary>Acknowledgment (ACK), RFC 1350 section 5.</summary>
    Ack = 4,

    /// <summary>Error (ERROR), RFC 1350 section 5.</summary>
    Error = 5,

    /// <summary>Option acknowledgment (OACK), RFC 2347.</summary>
    OptionAck = 6,
}
