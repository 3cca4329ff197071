using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BareMetal.NetbootHost.Machines;

/// <summary>
/// Machines, their event timelines and workflow progress in one SQLite file under --data. One connection
/// behind a lock: the host writes a few rows per boot stage, far below what needs more.
/// </summary>
internal sealed class MachineStore : IDisposable
{
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

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public MachineStore(string databasePath, TimeProvider time)
    {
        _time = time;
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Creates the machine if new (in <paramref name="initialState"/>), refreshes last-seen and any non-null facts.</summary>
    public MachineRecord Touch(string mac, string initialState, string? ip = null, string? arch = null, string? firmware = null, string? hostname = null)
    {
        var now = Format(Now);
        lock (_gate)
        {
            Execute(
                """
                INSERT INTO machines (mac, hostname, ip, arch, firmware, state, first_seen, last_seen)
                VALUES ($mac, $hostname, $ip, $arch, $firmware, $state, $now, $now)
                ON CONFLICT (mac) DO UPDATE SET
                    hostname = coalesce($hostname, hostname),
                    ip = coalesce($ip, ip),
                    arch = coalesce($arch, arch),
                    firmware = coalesce($firmware, firmware),
                    last_seen = $now
                """,
                ("$mac", mac), ("$hostname", hostname), ("$ip", ip), ("$arch", arch), ("$firmware", firmware), ("$state", initialState), ("$now", now));
            return GetLocked(mac)!;
        }
    }

    public void SetState(string mac, string state, string? message)
    {
        lock (_gate)
        {
            Execute("UPDATE machines SET state = $state, state_message = $message WHERE mac = $mac", ("$mac", mac), ("$state", state), ("$message", message));
        }
    }

    public MachineEvent AddEvent(string mac, string type, string source, string? message, int? action)
    {
        var now = Now;
        lock (_gate)
        {
            using var command = Command(
                "INSERT INTO events (mac, time, type, source, message, action) VALUES ($mac, $time, $type, $source, $message, $action) RETURNING id",
                ("$mac", mac), ("$time", Format(now)), ("$type", type), ("$source", source), ("$message", message), ("$action", action));
            var id = (long)command.ExecuteScalar()!;
            return new MachineEvent(id, mac, now, type, source, message, action);
        }
    }

    public MachineRecord? Get(string mac)
    {
        lock (_gate)
        {
            return GetLocked(mac);
        }
    }

    public IReadOnlyList<MachineRecord> List()
    {
        lock (_gate)
        {
            using var command = Command("SELECT mac, hostname, ip, arch, firmware, state, state_message, first_seen, last_seen FROM machines ORDER BY mac");
            return ReadMachines(command);
        }
    }

    /// <summary>The newest <paramref name="limit"/> events of a machine (or of all when null), oldest first.</summary>
    public IReadOnlyList<MachineEvent> Events(string? mac, int limit, long afterId = 0)
    {
        lock (_gate)
        {
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
            Execute("DELETE FROM workflow_progress WHERE mac = $mac", ("$mac", mac));
        }
    }

    public void Dispose() => _connection.Dispose();

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
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
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
