using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using Microsoft.Extensions.Logging;

namespace BareMetal.Dhcp.Server.Observability;

/// <summary>The server's log messages, source-generated (no formatting cost when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Ignored DHCP packet on {Interface} from {Mac} ({MessageType}): {Reason}")]
    public static partial void PacketIgnored(ILogger logger, string @interface, MacAddress mac, DhcpMessageType messageType, DhcpIgnoreReason reason);

    [LoggerMessage(2, LogLevel.Debug, "Ignored malformed DHCP packet on {Interface} ({Length} bytes): {Error}")]
    public static partial void MalformedPacket(ILogger logger, string @interface, int length, DhcpParseError error);

    [LoggerMessage(3, LogLevel.Warning, "No free address in subnet {Subnet} for {Mac}: every pool address is leased, offered or quarantined; no DHCPOFFER sent. Enlarge the pools or shorten the lease time.")]
    public static partial void PoolExhausted(ILogger logger, string subnet, MacAddress mac);

    [LoggerMessage(4, LogLevel.Warning, "Lease journal {Path} was damaged ({Damage} at byte {Offset}): recovered {Records} records and cut off the last {Discarded} bytes.")]
    public static partial void JournalRecovered(ILogger logger, string path, int records, LeaseJournalDamage damage, long offset, long discarded);

    [LoggerMessage(5, LogLevel.Warning, "Lease journal {Path} has no valid header; it was moved to {Aside} and a new journal started (no leases restored).")]
    public static partial void JournalHeaderDamaged(ILogger logger, string path, string aside);

    [LoggerMessage(6, LogLevel.Information, "Lease journal {Path} compacted from {Before} to {After} records in {Milliseconds:F1} ms")]
    public static partial void JournalCompacted(ILogger logger, string path, long before, long after, double milliseconds);

    [LoggerMessage(7, LogLevel.Information, "DHCP server listening on {Interface} ({Address}) port {Port}, mode {Mode}")]
    public static partial void Listening(ILogger logger, string @interface, Ipv4Address address, int port, Configuration.DhcpServerMode mode);

    [LoggerMessage(8, LogLevel.Warning, "DHCP receive on {Interface} failed; continuing")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string @interface);

    [LoggerMessage(15, LogLevel.Warning, "{Failed} of {Total} DHCPACKs on {Interface} could not be sent after their group commit; the clients will retry")]
    public static partial void AcknowledgementsNotSent(ILogger logger, string @interface, int failed, int total);

    [LoggerMessage(16, LogLevel.Warning, "{Failed} of {Total} DHCP replies on {Interface} could not be sent; the clients will retry")]
    public static partial void RepliesNotSent(ILogger logger, string @interface, int failed, int total);

    [LoggerMessage(10, LogLevel.Information, "Discovered client {Mac} on {Interface} (architecture {Architecture}, vendor class {VendorClass}, relay {Relay}); answered: {Answered}")]
    public static partial void ClientDiscovered(ILogger logger, MacAddress mac, string @interface, string architecture, string vendorClass, string relay, bool answered);

    [LoggerMessage(12, LogLevel.Error, "DHCP engine failed on a packet from {Interface}; the packet was dropped and the server goes on")]
    public static partial void EngineFailed(ILogger logger, Exception exception, string @interface);

    [LoggerMessage(13, LogLevel.Error, "Lease journal flush failed; replies that needed it were not sent")]
    public static partial void FlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "Address {Address} is reserved for {Owner} but bound to {Holder}: {Owner} gets a pool address for now; {Holder} is refused at its next renewal and moves")]
    public static partial void ReservationConflict(ILogger logger, Ipv4Address address, MacAddress owner, MacAddress holder);

    [LoggerMessage(18, LogLevel.Debug, "Expiry sweep reclaimed {Count} leases")]
    public static partial void LeasesExpired(ILogger logger, int count);

    // The hosting idiom's observer-failure event (docs/hosting.md): same text in every server package.
    [LoggerMessage(14, LogLevel.Warning, "Observer {Observer} threw in {Callback}; the server goes on")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string callback);
}
