using System.Net;

namespace BareMetal.NetbootHost.Inventory;

/// <summary>
/// Holds the current inventory and reloads it when the file changes. A reload with errors is rejected and
/// logged with every line and field, and the last good inventory stays in use.
/// </summary>
internal sealed partial class InventoryStore : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly (IPAddress Network, int PrefixLength)? _subnet;
    private readonly ILogger<InventoryStore> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _reloadTimer;
    private readonly Lock _gate = new();
    private volatile InventorySnapshot _current;
    private IReadOnlyList<InventoryError> _lastErrors = [];

    /// <summary>Loads the file now; throws <see cref="InventoryException"/> when it is invalid.</summary>
    public InventoryStore(string path, (IPAddress Network, int PrefixLength)? subnet, ILogger<InventoryStore> logger)
    {
        _path = Path.GetFullPath(path);
        _subnet = subnet;
        _logger = logger;
        if (!TryLoad(out var snapshot, out var errors))
        {
            throw new InventoryException(errors);
        }

        _current = snapshot;
        LogLoaded(_logger, _path, snapshot.Profiles.Count, snapshot.Machines.Count);
        _reloadTimer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);

        // Editors replace files (write temp + rename) as often as they write in place: watch the folder.
        var directory = Path.GetDirectoryName(_path)!;
        _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => ScheduleReload();
        _watcher.Created += (_, _) => ScheduleReload();
        _watcher.Renamed += (_, _) => ScheduleReload();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised after a good reload replaced the inventory.</summary>
    public event Action<InventorySnapshot>? Changed;

    /// <summary>Raised after a reload was rejected; the previous inventory stays.</summary>
    public event Action<IReadOnlyList<InventoryError>>? Rejected;

    public InventorySnapshot Current => _current;

    /// <summary>Errors of the last rejected reload, empty after a good one.</summary>
    public IReadOnlyList<InventoryError> LastErrors => _lastErrors;

    public string FilePath => _path;

    private void ScheduleReload() => _reloadTimer.Change(Debounce, Timeout.InfiniteTimeSpan);

    /// <summary>Reads the file again now (the watcher calls this after changes settle).</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            if (!TryLoad(out var snapshot, out var errors))
            {
                _lastErrors = errors;
                foreach (var error in errors)
                {
                    LogRejected(_logger, error.ToString());
                }

                Rejected?.Invoke(errors);
                return false;
            }

            _lastErrors = [];
            _current = snapshot;
            LogLoaded(_logger, _path, snapshot.Profiles.Count, snapshot.Machines.Count);
            Changed?.Invoke(snapshot);
            return true;
        }
    }

    private bool TryLoad(out InventorySnapshot snapshot, out IReadOnlyList<InventoryError> errors)
    {
        var name = Path.GetFileName(_path);
        string text;
        try
        {
            text = ReadShared(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            snapshot = InventorySnapshot.Empty;
            errors = [new InventoryError(name, 0, 0, "(file)", $"cannot read {_path}: {ex.Message}; check --inventory.")];
            return false;
        }

        return InventoryParser.TryParse(text, name, _subnet, out snapshot, out errors);
    }

    private static string ReadShared(string path)
    {
        // An editor may still hold the file open for writing: read with sharing and retry briefly.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
            catch (IOException) when (attempt < 3 && File.Exists(path))
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _reloadTimer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inventory {Path} loaded: {Profiles} profiles, {Machines} machines")]
    private static partial void LogLoaded(ILogger logger, string path, int profiles, int machines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inventory change rejected, keeping the last good inventory: {Error}")]
    private static partial void LogRejected(ILogger logger, string error);
}
