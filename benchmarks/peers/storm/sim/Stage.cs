namespace StormSim;

/// <summary>The steps of one machine's boot, in order, as the summary reports them.</summary>
internal enum Stage
{
    /// <summary>DISCOVER/OFFER/REQUEST/ACK of the firmware's PXE.</summary>
    Dhcp,

    /// <summary>The first-stage loader (snponly.efi) over TFTP, blksize 1468, windowsize 4 as EDK2 asks.</summary>
    Tftp,

    /// <summary>iPXE's own DHCP exchange, which gets the script URL.</summary>
    IpxeDhcp,

    /// <summary>HTTP GET of the machine's iPXE script.</summary>
    Script,

    /// <summary>HTTP GET of the kernel named by the script.</summary>
    Kernel,

    /// <summary>HTTP GET of the initrd(s) named by the script.</summary>
    Initrd,

    /// <summary>The agent's first calls: its workflow, and (when the script gave it a token) its first event.</summary>
    Api,
}
