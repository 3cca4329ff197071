using BareMetal.LabAgent.Actions.Partitioning;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions;

/// <summary>
/// <c>partition</c>: writes a declarative GPT or MBR layout to a disk (or an image file) with the agent's own code
/// (<see cref="PartitionTableWriter"/>), flushes it, and makes the kernel use it (<see cref="KernelPartitions"/>).
/// No partitioning tool is needed in the initramfs.
/// </summary>
public sealed class PartitionAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "partition";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetParameters(ActionJsonContext.Default.PartitionParameters, out var p, out var error))
        {
            return ActionResult.Failure(error);
        }

        if (string.IsNullOrEmpty(p.Device))
        {
            return context.InvalidParameter("device", "is missing: name the disk, e.g. /dev/vda");
        }

        var diskName = BlockDevices.KernelName(p.Device);
        using var device = File.OpenHandle(p.Device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var (size, sectorSize) = diskName is null
            ? (RandomAccess.GetLength(device), p.SectorSize ?? 512)
            : (BlockDevices.Size(device), BlockDevices.LogicalSectorSize(device));
        if (!PartitionPlan.TryCreate(p, size, sectorSize, out var plan, out error))
        {
            return ActionResult.Failure($"action {context.Index} (partition): {error}");
        }

        var sector0 = new byte[sectorSize];
        var lastSector = new byte[sectorSize];
        RandomAccess.Read(device, sector0, 0);
        RandomAccess.Read(device, lastSector, (plan!.TotalSectors - 1) * sectorSize);
        var writes = PartitionTableWriter.Build(plan, sector0, lastSector.AsSpan().StartsWith(PartitionTableWriter.GptSignature));
        foreach (var write in writes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RandomAccess.WriteAsync(device, write.Bytes, write.Offset, cancellationToken).ConfigureAwait(false);
        }

        // fsync: the table must be on the disk before the kernel reads it back (and before a power-off).
        if (Libc.Fsync((int)device.DangerousGetHandle()) != 0)
        {
            return ActionResult.Failure($"{p.Device}: fsync after writing the partition table failed: {Libc.LastError()}");
        }

        foreach (var part in plan.Partitions)
        {
            context.Log.Info($"{p.Device} partition {part.Number}: sectors {part.FirstLba}-{part.LastLba} ({part.Sectors * sectorSize} bytes){(part.Name.Length > 0 ? ", name " + part.Name : string.Empty)}");
        }

        var summary = $"{plan.Kind.ToString().ToUpperInvariant()} with {plan.Partitions.Count} partition(s) written to {p.Device}";
        if (diskName is null)
        {
            return ActionResult.Success(summary + " (an image file: no kernel re-read)");
        }

        if (!KernelPartitions.TrySync(device, diskName, plan, out var method, out error))
        {
            return ActionResult.Failure($"{summary}, but {error}");
        }

        return ActionResult.Success($"{summary}; the kernel uses it ({method})");
    }
}
