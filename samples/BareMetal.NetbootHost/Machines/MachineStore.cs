using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.NetbootHost.Machines;

/// <summary>
/// Machines, their event timelines and workflow progress in one SQLite file under --data. One connection
/// behind a lock. Boot-stage events from the DHCP, TFTP and HTTP paths are only queued (<see cref="Post"/>) and
/// written by a writer thread, one transaction per batch, so a boot storm's packets never wait for SQLite; every
/// other call first writes what is queued, so a read always sees every event posted before it.
/// </summary>
internal sealed partial class MachineStore : IDisposable
{
    /// <summary>Boot-stage events that may wait to be written; beyond this the newest are dropped (and logged).</summary>
    public const int MaxPending = 100_000;

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS machines (
            mac TEXT PRIMARY KEY,
            hostname TEXT,
            ip TEXT,
            arch TEXT,
            firmware TEXT,
            state TEXT NOT NULL,
            state_message TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mac TEXT NOT NULL,
            time TEXT NOT NULL,
            type TEXT NOT NULL,
            source TEXT NOT NULL,
            message TEXT,
            action INTEGER);
        CREATE INDEX IF NOT EXISTS events_by_mac ON events (mac, id);
        CREATE TABLE IF NOT EXISTS workflow_progress (
            mac TEXT NOT NULL,
            action_index INTEGER NOT NULL,
            status TEXT NOT NULL,
            message TEXT,
            updated TEXT NOT NULL,
            PRIMARY KEY (mac, action_index));
        """;

    /// <summary>Creates a machine or refreshes its last-seen time and any facts given (state only on creation).</summary>
    private const string UpsertMachine = """
        INSERT INTO machines (mac, hostname, ip, arch, firmware, state, first_seen, last_seen)
        VALUES ($mac, $hostname, $ip, $arch, $firmware, $state, $now, $now)
        ON CONFLICT (mac) DO UPDATE SET
            hostname = coalesce($hostname, hostname),
            ip = coalesce($ip, ip),
            arch = coalesce($arch, arch),
            firmware = coalesce($firmware, firmware),
            last_seen = $now
        """;

    private const string InsertEvent =
        "INSERT INTO events (mac, time, type, source, message, action) VALUES ($mac, $time, $type, $source, $message, $action) RETURNING id";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<PendingBootStage> _pending = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _writer;
    private SqliteTransaction? _transaction;
    private int _pendingCount;
    private int _wakePending;
    private long _dropped;
    private volatile bool _disposed;

    public MachineStore(string databasePath, TimeProvider time, ILogger<MachineStore>? logger = null)
    {
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        _writer = new Thread(WriteQueued) { IsBackground = true, Name = "machine-store writer" };
        _writer.Start();
    }

    /// <summary>Raised for every queued boot-stage event once it is written.</summary>
    public event Action<MachineEvent>? EventWritten;

    /// <summary>Boot-stage events dropped because <see cref="MaxPending"/> were already waiting.</summary>
    public long DroppedBootStages => Interlocked.Read(ref _dropped);

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Creates the machine if new (in <paramref name="initialState"/>), refreshes last-seen and any non-null facts.</summary>
    public MachineRecord Touch(string mac, MachineState initialState, string? ip = null, string? arch = null, BootFirmware? firmware = null, string? hostname = null)
    {
        var now = Format(Now);
        lock (_gate)
        {
            DrainLocked();
            Execute(
                UpsertMachine,
                ("$mac", mac), ("$hostname", hostname), ("$ip", ip), ("$arch", arch), ("$firmware", firmware?.ToText()), ("$state", initialState.ToText()), ("$now", now));
            return GetLocked(mac)!;
        }
    }

    public void SetState(string mac, MachineState state, string? message)
    {
        lock (_gate)
        {
            DrainLocked();
            Execute("UPDATE machines SET state = $state, state_message = $message WHERE mac = $mac", ("$mac", mac), ("$state", state.ToText()), ("$message", message));
        }
    }

    public MachineEvent AddEvent(string mac, string type, string source, string? message, int? action)
    {
        var now = Now;
        lock (_gate)
        {
            DrainLocked();
            using var command = Command(
                InsertEvent,
                ("$mac", mac), ("$time", Format(now)), ("$type", type), ("$source", source), ("$message", message), ("$action", action));
            var id = (long)command.ExecuteScalar()!;
            return new MachineEvent(id, mac, now, type, source, message, action);
        }
    }

    public MachineRecord? Get(string mac)
    {
        lock (_gate)
        {
            DrainLocked();
            return GetLocked(mac);
        }
    }

    public IReadOnlyList<MachineRecord> List()
    {
        lock (_gate)
        {
            DrainLocked();
            using var command = Command("SELECT mac, hostname, ip, arch, firmware, state, state_message, first_seen, last_seen FROM machines ORDER BY mac");
            return ReadMachines(command);
        }
    }

    /// <summary>The newest <paramref name="limit"/> events of a machine (or of all when null), oldest first.</summary>
    public IReadOnlyList<MachineEvent> Events(string? mac, int limit, long afterId = 0)
    {
        lock (_gate)
        {
            DrainLocked();
            using var command = Command(
                """
                SELECT id, mac, time, type, source, message, action FROM (
                    SELECT * FROM events WHERE ($mac IS NULL OR mac = $mac) AND id > $after ORDER BY id DESC LIMIT $limit)
                ORDER BY id
                """,
                ("$mac", mac), ("$limit", limit), ("$after", afterId));
            using var reader = command.ExecuteReader();
            var events = new List<MachineEvent>();
            while (reader.Read())
            {
                events.Add(new MachineEvent(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    Parse(reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6)));
            }

            return events;
        }
    }

    public IReadOnlyDictionary<int, ActionProgress> Progress(string mac)
    {
        lock (_gate)
        {
            DrainLocked();
            using var command = Command("SELECT action_index, status, message, updated FROM workflow_progress WHERE mac = $mac", ("$mac", mac));
            using var reader = command.ExecuteReader();
            var progress = new Dictionary<int, ActionProgress>();
            while (reader.Read())
            {
                var index = reader.GetInt32(0);
                progress[index] = new ActionProgress(index, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), Parse(reader.GetString(3)));
            }

            return progress;
        }
    }

    public void SetProgress(string mac, int index, string status, string? message)
    {
        lock (_gate)
        {
            DrainLocked();
            Execute(
                """
                INSERT INTO workflow_progress (mac, action_index, status, message, updated) VALUES ($mac, $index, $status, $message, $now)
                ON CONFLICT (mac, action_index) DO UPDATE SET status = $status, message = $message, updated = $now
                """,
                ("$mac", mac), ("$index", index), ("$status", status), ("$message", message), ("$now", Format(Now)));
        }
    }

    public void ResetProgress(string mac)
    {
        lock (_gate)
        {
            DrainLocked();
            Execute("DELETE FROM workflow_progress WHERE mac = $mac", ("$mac", mac));
        }
    }

    /// <summary>
    /// Queues a boot-stage event without touching the database: creates the machine if new (in "booting" when
    /// the inventory of <see cref="PendingBootStage.Inventory"/> lists it, else "discovered"), refreshes its facts, moves a listed machine out of
    /// "discovered", and appends the event. <see langword="false"/> when <see cref="MaxPending"/> events already wait.
    /// </summary>
    public bool Post(in PendingBootStage stage)
    {
        if (_disposed)
        {
            // Shutting down: a packet still in flight is answered, its event is not recorded.
            return false;
        }

        if (Interlocked.Increment(ref _pendingCount) > MaxPending)
        {
            Interlocked.Decrement(ref _pendingCount);
            var dropped = Interlocked.Increment(ref _dropped);
            if ((dropped & (dropped - 1)) == 0)
            {
                // 1, 2, 4, 8, ... drops: a storm that outruns the disk is visible without a line per packet.
                LogDropped(_logger, dropped, MaxPending, stage.Mac, stage.Type);
            }

            return false;
        }

        _pending.Enqueue(stage);
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }

        return true;
    }

    /// <summary>Writes everything queued so far (the writer thread does it on its own; shutdown and tests call it).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            DrainLocked();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _wake.Release();
        _writer.Join();
        Flush();
        _connection.Dispose();

        // _wake is not disposed: a Post racing with shutdown may still release it (it holds no handle until one
        // is asked for, and none is).
    }

    /// <summary>The writer thread: sleeps until events are queued, then writes them in one transaction.</summary>
    private void WriteQueued()
    {
        while (!_disposed)
        {
            _wake.Wait();
            Volatile.Write(ref _wakePending, 0);
            try
            {
                Flush();
            }
            catch (SqliteException e)
            {
                // The disk is full or the file is gone: this batch is lost, the host keeps serving.
                LogWriteFailed(_logger, e);
            }
        }
    }

    /// <summary>
    /// Writes every queued boot-stage event in one transaction (the caller holds the lock) and raises
    /// <see cref="EventWritten"/> for each. The handler (the live page's hub) only queues, so raising under the lock is safe.
    /// </summary>
    private void DrainLocked()
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var written = new List<MachineEvent>();
        _transaction = _connection.BeginTransaction();
        try
        {
            // Three statements prepared once per batch and re-bound per event: preparing is most of a single write.
            using var upsert = Command(UpsertMachine, ("$mac", null), ("$hostname", null), ("$ip", null), ("$arch", null), ("$firmware", null), ("$state", null), ("$now", null));
            using var promote = Command(
                "UPDATE machines SET state = $booting WHERE mac = $mac AND state = $discovered",
                ("$mac", null), ("$booting", MachineState.Booting.ToText()), ("$discovered", MachineState.Discovered.ToText()));
            using var insert = Command(InsertEvent, ("$mac", null), ("$time", null), ("$type", null), ("$source", null), ("$message", null), ("$action", null));
            upsert.Prepare();
            promote.Prepare();
            insert.Prepare();
            while (_pending.TryDequeue(out var stage))
            {
                Interlocked.Decrement(ref _pendingCount);
                var time = Format(stage.Time);
                var mac = stage.Mac.ToString();
                var spec = stage.Inventory.FindMachine(stage.Mac);
                Bind(upsert, ("$mac", mac), ("$hostname", spec?.Hostname), ("$ip", stage.Ip?.ToString()), ("$arch", stage.Arch), ("$firmware", stage.Firmware?.ToText()),
                    ("$state", (spec is not null ? MachineState.Booting : MachineState.Discovered).ToText()), ("$now", time));
                upsert.ExecuteNonQuery();
                if (spec is not null)
                {
                    // A machine added to the inventory after it was first seen leaves "discovered" at its next boot stage.
                    Bind(promote, ("$mac", mac));
                    promote.ExecuteNonQuery();
                }

                Bind(insert, ("$mac", mac), ("$time", time), ("$type", stage.Type), ("$source", stage.Source), ("$message", stage.Message));
                var id = (long)insert.ExecuteScalar()!;
                written.Add(new MachineEvent(id, mac, stage.Time, stage.Type, stage.Source, stage.Message, null));
            }

            _transaction.Commit();
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }

        if (EventWritten is { } handler)
        {
            foreach (var machineEvent in written)
            {
                handler(machineEvent);
            }
        }
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Dropped} boot-stage event(s) dropped so far: {MaxPending} were already waiting to be written (latest: {Mac} {Type}); the database cannot keep up")]
    private static partial void LogDropped(ILogger logger, long dropped, int maxPending, MacAddress mac, string type);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Writing queued boot-stage events failed; that batch is lost")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);


    private MachineRecord? GetLocked(string mac)
    {
        using var command = Command("SELECT mac, hostname, ip, arch, firmware, state, state_message, first_seen, last_seen FROM machines WHERE mac = $mac", ("$mac", mac));
        return ReadMachines(command).FirstOrDefault();
    }

    private static List<MachineRecord> ReadMachines(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var machines = new List<MachineRecord>();
        while (reader.Read())
        {
            machines.Add(new MachineRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : BootFirmwareText.Parse(reader.GetString(4)),
                MachineStateText.Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                Parse(reader.GetString(7)),
                Parse(reader.GetString(8))));
        }

        return machines;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
