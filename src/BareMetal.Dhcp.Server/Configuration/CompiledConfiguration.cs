using BareMetal.Dhcp.Server.Leases;

namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>An inclusive address range of a pool, in host order.</summary>
internal readonly record struct AddressRange(uint First, uint Last)
{
    public uint Size => Last - First + 1;

    public bool Contains(uint address) => address >= First && address <= Last;

    public bool Overlaps(AddressRange other) => First <= other.Last && other.First <= Last;
}

/// <summary>A subnet, parsed and checked once at start.</summary>
internal sealed class SubnetConfiguration
{
    public required int Index { get; init; }

    public required string Text { get; init; }

    public required Ipv4Address Network { get; init; }

    public required int PrefixLength { get; init; }

    public uint Mask => Addressing.Ipv4.MaskOf(PrefixLength);

    public Ipv4Address BroadcastAddress => new(Network.Value | ~Mask);

    public required AddressRange[] Pools { get; init; }

    public Ipv4Address? Router { get; init; }

    public Ipv4Address[] DnsServers { get; init; } = [];

    public byte[]? DomainName { get; init; }

    public byte[]? DomainSearch { get; init; }

    public Ipv4Address[] NtpServers { get; init; } = [];

    public ushort? Mtu { get; init; }

    public byte[]? ClasslessRoutes { get; init; }

    public required uint LeaseSeconds { get; init; }

    /// <summary>The allocator's rotating cursor: the next pool address to try (RFC 2131 §4.3.1 leaves the choice to the server).</summary>
    public uint Cursor { get; set; }

    public long PoolSize
    {
        get
        {
            long size = 0;
            foreach (var pool in Pools)
            {
                size += pool.Size;
            }

            return size;
        }
    }

    public bool Contains(Ipv4Address address) => (address.Value & Mask) == Network.Value;

    public bool InPool(Ipv4Address address)
    {
        foreach (var pool in Pools)
        {
            if (pool.Contains(address.Value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A fixed address for one client.</summary>
internal sealed class ReservationConfiguration
{
    public MacAddress? Mac { get; init; }

    public DhcpClientKey? ClientKey { get; init; }

    public required Ipv4Address Address { get; init; }

    public byte[]? HostName { get; init; }

    public required SubnetConfiguration Subnet { get; init; }
}

/// <summary>A listening interface.</summary>
internal sealed class InterfaceConfiguration
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required Ipv4Address ServerAddress { get; init; }

    public required DhcpServerMode Mode { get; init; }

    public required int ServerPort { get; init; }

    public required int ClientPort { get; init; }

    public required int BootServerPort { get; init; }

    /// <summary>The subnet that contains the server address (full mode), used for requests that are not relayed.</summary>
    public SubnetConfiguration? Subnet { get; init; }
}
