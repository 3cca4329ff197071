using BareMetal.LabBmc.Configuration;

namespace BareMetal.LabBmc.Machines;

/// <summary>Every configured machine; Redfish sees only those controlled by Redfish, the control socket every one.</summary>
public sealed class MachineSet : IAsyncDisposable
{
    private readonly Dictionary<string, QemuMachine> _machines;

    public MachineSet(BmcConfiguration configuration, ILoggerFactory loggers)
    {
        var state = Path.GetFullPath(configuration.StateDirectory);
        Directory.CreateDirectory(state);
        _machines = configuration.Machines.ToDictionary(m => m.Id, m => new QemuMachine(m, state, loggers.CreateLogger("Machine." + m.Id)), StringComparer.Ordinal);
    }

    /// <summary>A UUID for the service root, new on each start.</summary>
    public string ServiceUuid { get; } = Guid.NewGuid().ToString();

    public IEnumerable<QemuMachine> All => _machines.Values;

    public IEnumerable<QemuMachine> Redfish => _machines.Values.Where(m => m.Configuration.ControlledBy == "redfish").OrderBy(m => m.Id, StringComparer.Ordinal);

    public QemuMachine? Find(string id) => _machines.GetValueOrDefault(id);

    public QemuMachine? FindRedfish(string id) => Find(id) is { Configuration.ControlledBy: "redfish" } m ? m : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var machine in _machines.Values)
        {
            await machine.DisposeAsync();
        }
    }
}
