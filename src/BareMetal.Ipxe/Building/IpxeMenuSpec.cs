namespace BareMetal.Ipxe;

/// <summary>What a menu entry does when chosen.</summary>
public enum IpxeMenuAction
{
    /// <summary>Chains to <see cref="IpxeMenuEntry.ChainUri"/> (back to the menu if that fails).</summary>
    Chain = 0,

    /// <summary>Boots the local disk (<c>sanboot --no-describe --drive 0x80</c> on BIOS, <c>exit</c> on EFI).</summary>
    LocalDisk,

    /// <summary>Enters the iPXE shell, then shows the menu again.</summary>
    Shell,

    /// <summary>Reboots the machine.</summary>
    Reboot,

    /// <summary>Ends the script.</summary>
    Exit,
}

/// <summary>One entry of a menu written by <see cref="IpxeScripts.WriteMenu"/>.</summary>
public sealed class IpxeMenuEntry
{
    /// <summary>The label the entry jumps to; also the value <c>choose</c> stores. One token, not starting with '-'.</summary>
    public required string Label { get; init; }

    /// <summary>The text shown in the menu.</summary>
    public required string Text { get; init; }

    /// <summary>An optional shortcut key (a single character).</summary>
    public string? Key { get; init; }

    /// <summary>What the entry does.</summary>
    public IpxeMenuAction Action { get; init; }

    /// <summary>The URI chained to when <see cref="Action"/> is <see cref="IpxeMenuAction.Chain"/>.</summary>
    public string? ChainUri { get; init; }
}

/// <summary>A menu: title, entries, default entry and timeout.</summary>
public sealed class IpxeMenuSpec
{
    /// <summary>Labels the menu script uses itself; entries cannot use them.</summary>
    public static readonly IReadOnlyList<string> ReservedLabels = ["menu-start", "menu-cancelled"];

    /// <summary>The menu title.</summary>
    public string? Title { get; init; }

    /// <summary>The entries, in display order.</summary>
    public required IReadOnlyList<IpxeMenuEntry> Entries { get; init; }

    /// <summary>The label of the entry chosen when the timeout expires or Enter is pressed.</summary>
    public string? DefaultLabel { get; init; }

    /// <summary>How long the menu waits before choosing <see cref="DefaultLabel"/>; 0 waits forever.</summary>
    public long TimeoutMilliseconds { get; init; }

    /// <summary>How the <see cref="IpxeMenuAction.LocalDisk"/> entries boot the disk; <see cref="LocalBootSpec.Default"/> when null.</summary>
    public LocalBootSpec? LocalBoot { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Entries, nameof(Entries));
        if (Entries.Count == 0)
        {
            IpxeThrow.Invalid(nameof(Entries), "A menu needs at least one entry: add an IpxeMenuEntry.");
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(Entries));
            IpxeArguments.RequireLabel(entry.Label, nameof(IpxeMenuEntry.Label));
            if (ReservedLabels.Contains(entry.Label) || !labels.Add(entry.Label))
            {
                IpxeThrow.Invalid(nameof(IpxeMenuEntry.Label), $"The menu label '{entry.Label}' is used twice or reserved ({string.Join(", ", ReservedLabels)}): give each entry its own label.");
            }

            if (entry.Action == IpxeMenuAction.Chain && string.IsNullOrEmpty(entry.ChainUri))
            {
                IpxeThrow.Invalid(nameof(IpxeMenuEntry.ChainUri), $"The menu entry '{entry.Label}' chains but has no ChainUri: set it, or choose another Action.");
            }
        }

        if (DefaultLabel is not null && !labels.Contains(DefaultLabel))
        {
            IpxeThrow.Invalid(nameof(DefaultLabel), $"The default label '{DefaultLabel}' is not one of the entries' labels: use one of {string.Join(", ", labels)}.");
        }

        if (TimeoutMilliseconds < 0)
        {
            IpxeThrow.OutOfRange(nameof(TimeoutMilliseconds), "The menu timeout cannot be negative: use 0 to wait forever.");
        }
    }
}
