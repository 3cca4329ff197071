namespace BareMetal.Dhcp;

/// <summary>
/// Option 43 for <c>PXEClient</c>: the PXE 2.1 vendor sub-options (RFC 4578 §2.4 defers to the PXE
/// specification). Sub-options use the DHCP encoding, with pad 0 and end 255.
/// </summary>
public readonly ref struct PxeVendorOptions
{
    /// <summary>PXE_DISCOVERY_CONTROL, one byte of <see cref="PxeDiscoveryControl"/> flags.</summary>
    public const byte DiscoveryControlCode = 6;

    /// <summary>PXE_BOOT_SERVERS: entries of type (2), count (1), count IPv4 addresses.</summary>
    public const byte BootServersCode = 8;

    /// <summary>PXE_BOOT_MENU: entries of type (2), description length (1), description.</summary>
    public const byte BootMenuCode = 9;

    /// <summary>PXE_MENU_PROMPT: timeout in seconds (1), then the prompt text.</summary>
    public const byte MenuPromptCode = 10;

    /// <summary>Creates a view over option 43's value.</summary>
    /// <param name="value">The option value.</param>
    public PxeVendorOptions(ReadOnlySpan<byte> value) => Value = value;

    /// <summary>The raw option value.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Enumerates the sub-options.</summary>
    /// <returns>An allocation-free enumerator.</returns>
    public DhcpSubOptionEnumerator GetEnumerator() => new(Value, padAndEnd: true);

    /// <summary>Finds a sub-option.</summary>
    /// <param name="code">The sub-option code.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether it is present.</returns>
    public bool TryGetSubOption(byte code, out ReadOnlySpan<byte> value) => DhcpSubOptionEnumerator.TryFind(Value, true, code, out value);

    /// <summary>Sub-option 6, discovery control.</summary>
    /// <param name="control">The flags.</param>
    /// <returns>Whether the sub-option is present with one byte.</returns>
    public bool TryGetDiscoveryControl(out PxeDiscoveryControl control)
    {
        if (TryGetSubOption(DiscoveryControlCode, out var value) && value.Length == 1)
        {
            control = (PxeDiscoveryControl)value[0];
            return true;
        }

        control = PxeDiscoveryControl.None;
        return false;
    }

    /// <summary>Sub-option 8, the boot server list, raw.</summary>
    /// <param name="value">Entries of type (2 bytes), count (1), then count IPv4 addresses.</param>
    /// <returns>Whether the sub-option is present.</returns>
    public bool TryGetBootServers(out ReadOnlySpan<byte> value) => TryGetSubOption(BootServersCode, out value);

    /// <summary>Sub-option 9, the boot menu, raw.</summary>
    /// <param name="value">Entries of type (2 bytes), description length (1), description.</param>
    /// <returns>Whether the sub-option is present.</returns>
    public bool TryGetBootMenu(out ReadOnlySpan<byte> value) => TryGetSubOption(BootMenuCode, out value);

    /// <summary>Sub-option 10, the menu prompt.</summary>
    /// <param name="timeoutSeconds">Seconds to wait (255: wait for a key; 0: boot the first item at once).</param>
    /// <param name="prompt">The prompt text.</param>
    /// <returns>Whether the sub-option is present with at least the timeout byte.</returns>
    public bool TryGetMenuPrompt(out byte timeoutSeconds, out ReadOnlySpan<byte> prompt)
    {
        if (TryGetSubOption(MenuPromptCode, out var value) && value.Length >= 1)
        {
            timeoutSeconds = value[0];
            prompt = value[1..];
            return true;
        }

        timeoutSeconds = 0;
        prompt = default;
        return false;
    }
}

/// <summary>PXE_DISCOVERY_CONTROL bits (PXE 2.1 §2.4.5, option 43 sub-option 6).</summary>
[Flags]
public enum PxeDiscoveryControl : byte
{
    /// <summary>No bits: full boot server discovery.</summary>
    None = 0,

    /// <summary>Bit 0: do not broadcast discovery.</summary>
    DisableBroadcastDiscovery = 1,

    /// <summary>Bit 1: do not multicast discovery.</summary>
    DisableMulticastDiscovery = 2,

    /// <summary>Bit 2: accept only servers in the boot server list (sub-option 8).</summary>
    OnlyListedServers = 4,

    /// <summary>Bit 3: skip discovery and download the boot file named in this reply (what proxyDHCP servers send).</summary>
    UseBootFileFromReply = 8,
}
