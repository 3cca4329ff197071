namespace BareMetal.Dhcp;

/// <summary>The BOOTP <c>op</c> field (RFC 2131 §2, RFC 951).</summary>
public enum DhcpOpcode : byte
{
    /// <summary>1: a message from a client to a server.</summary>
    BootRequest = 1,

    /// <summary>2: a message from a server to a client.</summary>
    BootReply = 2,
}
