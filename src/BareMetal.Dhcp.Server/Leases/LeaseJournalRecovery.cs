namespace BareMetal.Dhcp.Server.Leases;

/// <summary>What <see cref="JournalLeaseStore"/> found when it opened its journal.</summary>
/// <param name="Path">The journal file.</param>
/// <param name="RecordsRead">Good records replayed.</param>
/// <param name="LeasesRestored">Leases in memory after the replay.</param>
/// <param name="Damage">Why the replay stopped early, or <see cref="LeaseJournalDamage.None"/>.</param>
/// <param name="DamageOffset">The byte offset of the first bad record (where the file was truncated), or -1.</param>
/// <param name="BytesDiscarded">How many bytes after the last good record were cut off.</param>
public sealed record LeaseJournalRecovery(
    string Path,
    int RecordsRead,
    int LeasesRestored,
    LeaseJournalDamage Damage,
    long DamageOffset,
    long BytesDiscarded);
