using System.Diagnostics;
using System.Text;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Interop;
using BareMetal.Dhcp.Server.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Dhcp.Server.Leases;

/// <summary>
/// Leases in memory, made durable by an append-only journal (<c>leases.journal</c> in the configured folder).
/// Every durable change is one fixed-size, checksummed record; <see cref="Flush"/> writes the pending records with
/// one write and, by default, one fsync, so the transport can group-commit a batch of DHCPACKs. <see cref="Flush"/>
/// may run on another thread while the engine goes on saving: records saved during a flush go into the next one. On open the journal
/// is replayed up to the last good record (a torn or corrupt tail is cut off with a warning), and it is compacted
/// (rewritten with one record per lease, then atomically renamed) when it grows well beyond the live leases.
/// </summary>
public sealed class JournalLeaseStore : InMemoryLeaseStore
{
    /// <summary>The journal's file name inside the folder.</summary>
    public const string FileName = "leases.journal";

    private const int CompactionMinimumRecords = 16_384;
    private bool _disposed;
    private readonly string _directory;
    private readonly string _path;
    private readonly LeaseJournalSyncMode _syncMode;
    private readonly long _syncIntervalTicks;
    private readonly ILogger _logger;
    private readonly DhcpServerMetrics? _metrics;
    private readonly Lock _pendingGate = new();
    private readonly Lock _fileGate = new();
    private FileStream _file;
    private byte[] _pending = new byte[64 * LeaseJournalFormat.RecordLength];
    private byte[] _writing = new byte[64 * LeaseJournalFormat.RecordLength];
    private int _pendingLength;
    private long _recordsInFile;
    private long _lastSyncTimestamp;
    private bool _unsynced;

    /// <summary>Opens (or creates) the journal in <paramref name="directory"/> and replays it.</summary>
    /// <param name="directory">The folder; created if missing.</param>
    /// <param name="syncMode">When records are forced to disk.</param>
    /// <param name="syncInterval">With <see cref="LeaseJournalSyncMode.Interval"/>, the longest time between forced writes.</param>
    /// <param name="logger">Receives the recovery warning and compaction notes.</param>
    public JournalLeaseStore(string directory, LeaseJournalSyncMode syncMode = LeaseJournalSyncMode.Durable, TimeSpan? syncInterval = null, ILogger? logger = null)
        : this(directory, syncMode, syncInterval, logger, null)
    {
    }

    internal JournalLeaseStore(string directory, LeaseJournalSyncMode syncMode, TimeSpan? syncInterval, ILogger? logger, DhcpServerMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _path = Path.Combine(_directory, FileName);
        _syncMode = syncMode;
        _syncIntervalTicks = (long)((syncInterval ?? TimeSpan.FromMilliseconds(200)).TotalSeconds * Stopwatch.Frequency);
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        Directory.CreateDirectory(_directory);
        Recovery = Replay();
        _file = OpenForAppend(Recovery);
        _lastSyncTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>What the replay on open found.</summary>
    public LeaseJournalRecovery Recovery { get; }

    /// <summary>The journal file.</summary>
    public string JournalPath => _path;

    /// <summary>Records in the journal file now (including superseded ones, until the next compaction).</summary>
    public long RecordsInFile => _recordsInFile;

    /// <inheritdoc/>
    public override bool HasUnflushedChanges
    {
        get
        {
            lock (_pendingGate)
            {
                return _pendingLength > 0 || (_unsynced && _syncMode == LeaseJournalSyncMode.Durable);
            }
        }
    }

    /// <inheritdoc/>
    public override void Save(DhcpLease lease, bool durable)
    {
        Index(lease);
        if (durable)
        {
            Append(LeaseJournalFormat.KindUpsert, lease);

            // Saves come from the engine under its lock, so the leases can be walked safely here.
            if (Volatile.Read(ref _recordsInFile) > CompactionMinimumRecords && _recordsInFile > 4L * Math.Max(Count, 1))
            {
                Compact();
            }
        }
    }

    /// <inheritdoc/>
    public override void Remove(DhcpLease lease)
    {
        Unindex(lease);
        Append(LeaseJournalFormat.KindRemove, lease);
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_fileGate)
        {
            WritePending();
            if (_unsynced)
            {
                var now = Stopwatch.GetTimestamp();
                if (_syncMode == LeaseJournalSyncMode.Durable
                    || (_syncMode == LeaseJournalSyncMode.Interval && now - _lastSyncTimestamp >= _syncIntervalTicks))
                {
                    Sync(now);
                }
            }
        }
    }

    /// <summary>Rewrites the journal with one record per lease (offers excluded) and swaps it in atomically.</summary>
    public void Compact()
    {
        lock (_fileGate)
        {
            WritePending();
            CompactLocked();
        }
    }

    private void CompactLocked()
    {
        var started = Stopwatch.GetTimestamp();
        var before = _recordsInFile;
        var temporary = _path + ".compact";
        var leases = Snapshot();
        var written = 0L;
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var header = new byte[LeaseJournalFormat.HeaderLength];
            LeaseJournalFormat.WriteHeader(header);
            output.Write(header);
            var record = new byte[LeaseJournalFormat.RecordLength];
            foreach (var lease in leases)
            {
                if (lease.State == DhcpLeaseState.Offered)
                {
                    continue;
                }

                LeaseJournalFormat.WriteRecord(record, LeaseJournalFormat.KindUpsert, lease);
                output.Write(record);
                written++;
            }

            output.Flush(flushToDisk: true);
        }

        _file.Dispose();
        File.Move(temporary, _path, overwrite: true);
        SyncDirectory(_directory);
        _file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _file.Seek(0, SeekOrigin.End);
        _recordsInFile = written;
        _unsynced = false;
        Log.JournalCompacted(_logger, _path, before, written, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_fileGate)
            {
                // A second Dispose finds the file closed and does nothing (IDisposable's contract).
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                WritePending();
                _file.Flush(flushToDisk: _syncMode != LeaseJournalSyncMode.None);
                _file.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Append(byte kind, DhcpLease lease)
    {
        lock (_pendingGate)
        {
            if (_pendingLength + LeaseJournalFormat.RecordLength > _pending.Length)
            {
                Array.Resize(ref _pending, _pending.Length * 2);
            }

            LeaseJournalFormat.WriteRecord(_pending.AsSpan(_pendingLength, LeaseJournalFormat.RecordLength), kind, lease);
            _pendingLength += LeaseJournalFormat.RecordLength;
        }
    }

    /// <summary>Swaps the pending buffer out (briefly, under the pending lock) and writes it; the caller holds the file lock.</summary>
    private void WritePending()
    {
        int length;
        lock (_pendingGate)
        {
            (_pending, _writing) = (_writing, _pending);
            length = _pendingLength;
            _pendingLength = 0;
        }

        if (length > 0)
        {
            _file.Write(_writing, 0, length);
            Volatile.Write(ref _recordsInFile, _recordsInFile + (length / LeaseJournalFormat.RecordLength));
            _unsynced = true;
        }
    }

    private void Sync(long now)
    {
        _file.Flush(flushToDisk: _syncMode != LeaseJournalSyncMode.None);
        _metrics?.RecordJournalSync(Stopwatch.GetElapsedTime(now).TotalSeconds);
        _lastSyncTimestamp = now;
        _unsynced = false;
    }

    private LeaseJournalRecovery Replay()
    {
        if (!File.Exists(_path))
        {
            return new LeaseJournalRecovery(_path, 0, 0, LeaseJournalDamage.None, -1, 0);
        }

        var bytes = File.ReadAllBytes(_path);
        if (bytes.Length == 0)
        {
            return new LeaseJournalRecovery(_path, 0, 0, LeaseJournalDamage.None, -1, 0);
        }

        if (!LeaseJournalFormat.IsValidHeader(bytes))
        {
            // Not our file, or its first bytes are gone: keep it for a person to look at, start afresh.
            var aside = $"{_path}.damaged-{DateTime.UtcNow:yyyyMMddTHHmmss}";
            File.Move(_path, aside, overwrite: true);
            Log.JournalHeaderDamaged(_logger, _path, aside);
            return new LeaseJournalRecovery(_path, 0, 0, LeaseJournalDamage.BadHeader, 0, bytes.Length);
        }

        var offset = LeaseJournalFormat.HeaderLength;
        var records = 0;
        var damage = LeaseJournalDamage.None;
        while (offset < bytes.Length)
        {
            damage = LeaseJournalFormat.TryReadRecord(bytes.AsSpan(offset), out var kind, out var lease);
            if (damage != LeaseJournalDamage.None)
            {
                break;
            }

            if (kind == LeaseJournalFormat.KindUpsert)
            {
                Index(lease!);
            }
            else if (FindByAddress(lease!.Address) is { } existing && existing.Client == lease.Client)
            {
                Unindex(existing);
            }

            records++;
            offset += LeaseJournalFormat.RecordLength;
        }

        _recordsInFile = records;
        var discarded = bytes.Length - offset;
        if (damage != LeaseJournalDamage.None)
        {
            Log.JournalRecovered(_logger, _path, records, damage, offset, discarded);
        }

        return new LeaseJournalRecovery(_path, records, Count, damage, damage == LeaseJournalDamage.None ? -1 : offset, discarded);
    }

    private FileStream OpenForAppend(LeaseJournalRecovery recovery)
    {
        var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        if (file.Length == 0 || recovery.Damage == LeaseJournalDamage.BadHeader)
        {
            file.SetLength(0);
            var header = new byte[LeaseJournalFormat.HeaderLength];
            LeaseJournalFormat.WriteHeader(header);
            file.Write(header);
            file.Flush(flushToDisk: true);
            SyncDirectory(_directory);
        }
        else if (recovery.Damage != LeaseJournalDamage.None)
        {
            // Cut the damaged tail so that new records follow the last good one.
            file.SetLength(recovery.DamageOffset);
            file.Flush(flushToDisk: true);
        }

        file.Seek(0, SeekOrigin.End);
        return file;
    }

    /// <summary>fsync on the folder, so a rename or a new file's directory entry survives a power loss.</summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(directory + "\0");
        var fd = LinuxNative.Open(path, LinuxNative.ReadOnly | LinuxNative.Directory);
        if (fd >= 0)
        {
            _ = LinuxNative.FileSync(fd);
            _ = LinuxNative.Close(fd);
        }
    }
}
