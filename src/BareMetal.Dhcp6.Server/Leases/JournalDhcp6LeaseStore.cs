using System.Globalization;
using System.Text;

namespace BareMetal.Dhcp6.Server.Leases;

/// <summary>
/// Leases in memory, every change appended to a journal file, so they survive a restart or a crash. A change is on
/// disk once <see cref="Flush"/> returns (<c>fsync</c>); the engine marks replies that commit a lease with
/// <c>RequiresFlush</c>, and the transport flushes before sending them, so a client never holds a lease the server
/// could forget.
/// </summary>
/// <remarks>
/// One line per change, <c>S DUID IAID ADDRESS STATE EXPIRES MAC</c> (save) or <c>R DUID IAID</c> (remove). On open
/// the journal is replayed; a last line cut short by a crash (no newline, or not parseable) is dropped, and the live
/// leases are rewritten into a fresh journal (written to a temporary file, flushed, then renamed over the old one),
/// which also keeps the file from growing without end across restarts.
/// </remarks>
public sealed class JournalDhcp6LeaseStore : IDhcp6LeaseStore, IDisposable
{
    private const string FileName = "dhcp6-leases.journal";

    private readonly InMemoryDhcp6LeaseStore _memory = new();
    private readonly FileStream _journal;
    private readonly StringBuilder _line = new();
    private bool _dirty;

    /// <summary>Opens (or creates) the journal in <paramref name="directory"/> and replays it.</summary>
    /// <param name="directory">A folder only this server writes to.</param>
    public JournalDhcp6LeaseStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            foreach (var line in ReadCompleteLines(path))
            {
                Apply(line);
            }
        }

        // Rewrite the live leases into a fresh journal and swap it in atomically.
        var temporary = path + ".tmp";
        using (var fresh = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var lease in _memory.Snapshot())
            {
                var bytes = Encoding.ASCII.GetBytes(Format(lease));
                fresh.Write(bytes);
            }

            fresh.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        _journal = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <inheritdoc/>
    public bool HasUnflushedChanges => _dirty;

    /// <inheritdoc/>
    public bool TryGetByClient(Dhcp6LeaseKey key, out Dhcp6Lease? lease) => _memory.TryGetByClient(key, out lease);

    /// <inheritdoc/>
    public bool TryGetByAddress(Ipv6Address address, out Dhcp6Lease? lease) => _memory.TryGetByAddress(address, out lease);

    /// <inheritdoc/>
    public void Save(Dhcp6Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        _memory.Save(lease);
        Append(Format(lease));
    }

    /// <inheritdoc/>
    public bool Remove(Dhcp6LeaseKey key)
    {
        if (!_memory.Remove(key))
        {
            return false;
        }

        Append($"R {key.Duid} {key.Iaid.ToString(CultureInfo.InvariantCulture)}\n");
        return true;
    }

    /// <inheritdoc/>
    public IReadOnlyList<Dhcp6Lease> Snapshot() => _memory.Snapshot();

    /// <summary>Forces the journal's appended changes to storage (<c>fsync</c>).</summary>
    public void Flush()
    {
        _journal.Flush(flushToDisk: true);
        _dirty = false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Flush();
        _journal.Dispose();
    }

    private void Append(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        _journal.Write(bytes);
        _dirty = true;
    }

    private static string Format(Dhcp6Lease lease) => string.Create(CultureInfo.InvariantCulture,
        $"S {lease.Key.Duid} {lease.Key.Iaid} {lease.Address} {lease.State} {lease.ExpiresUnixMilliseconds} {(lease.MacAddress is { } mac ? mac.ToString() : "-")}\n");

    /// <summary>The lines that end with a newline: a line cut short by a crash has none and is dropped.</summary>
    private static string[] ReadCompleteLines(string path)
    {
        var text = File.ReadAllText(path, Encoding.ASCII);
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n');
    }

    private void Apply(string line)
    {
        var fields = line.Split(' ');
        if (fields is ["R", var duid, var iaid] && uint.TryParse(iaid, NumberStyles.None, CultureInfo.InvariantCulture, out var removedIaid))
        {
            _memory.Remove(new Dhcp6LeaseKey(duid, removedIaid));
        }
        else if (fields is ["S", var d, var i, var address, var state, var expires, var mac]
            && uint.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var savedIaid)
            && Ipv6Address.TryParse(address, out var parsed)
            && Enum.TryParse<Dhcp6LeaseState>(state, out var parsedState)
            && long.TryParse(expires, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var until))
        {
            MacAddress? parsedMac = MacAddress.TryParse(mac, out var m) ? m : null;
            _memory.Save(new Dhcp6Lease(new Dhcp6LeaseKey(d, savedIaid), parsed, parsedState, until, parsedMac));
        }

        // Any other line is damage inside the file (not a torn tail): skipped, and gone after the rewrite.
    }
}
