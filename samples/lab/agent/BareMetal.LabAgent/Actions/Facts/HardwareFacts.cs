namespace BareMetal.LabAgent.Actions.Facts;

/// <summary>A machine's hardware as the in-memory OS sees it (posted by the <c>facts</c> action as JSON).</summary>
/// <param name="Cpu">Processors.</param>
/// <param name="Memory">Memory.</param>
/// <param name="Disks">Block devices (loop, ram and zram devices left out).</param>
/// <param name="Nics">Network interfaces other than loopback.</param>
/// <param name="Dmi">SMBIOS identity from the firmware's DMI tables.</param>
public sealed record HardwareFacts(CpuFacts Cpu, MemoryFacts Memory, IReadOnlyList<DiskFacts> Disks, IReadOnlyList<NicFacts> Nics, DmiFacts Dmi);

/// <summary>Processors, from <c>/proc/cpuinfo</c>.</summary>
/// <param name="Model">The first processor's "model name".</param>
/// <param name="Vendor">Its "vendor_id" (GenuineIntel, AuthenticAMD).</param>
/// <param name="LogicalCount">Logical processors ("processor" entries).</param>
/// <param name="SocketCount">Distinct "physical id" values, when the kernel lists them.</param>
public sealed record CpuFacts(string? Model, string? Vendor, int LogicalCount, int? SocketCount);

/// <summary>Memory, from <c>/proc/meminfo</c>.</summary>
/// <param name="TotalBytes">MemTotal: usable RAM as the kernel counts it (installed RAM less firmware and kernel reservations).</param>
public sealed record MemoryFacts(long TotalBytes);

/// <summary>A block device, from <c>/sys/block/NAME</c>.</summary>
/// <param name="Name">Kernel name (vda, sda, nvme0n1).</param>
/// <param name="SizeBytes">Size (the <c>size</c> file counts 512-byte units whatever the sector size).</param>
/// <param name="Model">The device's model string.</param>
/// <param name="Serial">Its serial number.</param>
/// <param name="Wwn">Its World Wide Name / WWID (naa.…, eui.…, t10.…) when the device reports one.</param>
/// <param name="Rotational">Spinning disk (<c>queue/rotational</c>).</param>
/// <param name="Removable">Removable medium.</param>
/// <param name="LogicalSectorSize">Logical block size in bytes.</param>
public sealed record DiskFacts(string Name, long SizeBytes, string? Model, string? Serial, string? Wwn, bool Rotational, bool Removable, int? LogicalSectorSize);

/// <summary>A network interface, from <c>/sys/class/net/NAME</c>.</summary>
/// <param name="Name">Interface name.</param>
/// <param name="Mac">Its MAC address.</param>
/// <param name="Driver">The kernel driver bound to its device (e1000, virtio_net), null for virtual interfaces.</param>
/// <param name="SpeedMbps">Link speed in Mb/s, null when unknown or the link is down.</param>
/// <param name="OperState">up, down, unknown...</param>
/// <param name="Mtu">MTU.</param>
/// <param name="Physical">Backed by a device (not a bridge, veth, tunnel).</param>
public sealed record NicFacts(string Name, string? Mac, string? Driver, int? SpeedMbps, string? OperState, int? Mtu, bool Physical);

/// <summary>SMBIOS identity, from <c>/sys/class/dmi/id</c> (serial and UUID are readable by root only).</summary>
/// <param name="SystemVendor">sys_vendor.</param>
/// <param name="ProductName">product_name.</param>
/// <param name="ProductSerial">product_serial.</param>
/// <param name="ProductUuid">product_uuid (the SMBIOS system UUID, as PXE option 97 carries it).</param>
/// <param name="BoardVendor">board_vendor.</param>
/// <param name="BoardName">board_name.</param>
/// <param name="BiosVendor">bios_vendor.</param>
/// <param name="BiosVersion">bios_version.</param>
/// <param name="ChassisType">chassis_type (SMBIOS 3.x §7.4.1 number, e.g. 1 Other, 3 Desktop, 23 Rack Mount Chassis).</param>
public sealed record DmiFacts(string? SystemVendor, string? ProductName, string? ProductSerial, string? ProductUuid, string? BoardVendor, string? BoardName, string? BiosVendor, string? BiosVersion, int? ChassisType);
