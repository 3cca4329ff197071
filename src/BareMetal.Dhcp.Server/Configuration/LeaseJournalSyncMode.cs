namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>When the lease journal is forced to stable storage.</summary>
public enum LeaseJournalSyncMode
{
    /// <summary>
    /// Every acknowledged lease is on disk (fsync) before its DHCPACK leaves. Replies are group-committed: the
    /// transport flushes once for all the packets it has in hand, so the cost is one fsync per batch, not per lease.
    /// </summary>
    Durable = 0,

    /// <summary>Records are written at once and forced to disk at most every <see cref="DhcpServerOptions.JournalSyncInterval"/>; a power loss may lose the last interval (a process crash loses nothing).</summary>
    Interval = 1,

    /// <summary>Records are written to the operating system and never forced; only for tests and throwaway labs.</summary>
    None = 2,
}
