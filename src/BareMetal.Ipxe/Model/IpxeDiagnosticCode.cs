namespace BareMetal.Ipxe;

/// <summary>The findings of the reader and the linter; <see cref="IpxeDiagnostic.Id"/> shows them as <c>IPXE001</c>...</summary>
public enum IpxeDiagnosticCode
{
    /// <summary>IPXE001: the script does not start with <c>#!ipxe</c> and whitespace, so iPXE does not run it as a script.</summary>
    MissingHeader = 1,

    /// <summary>IPXE002: a command iPXE does not define (or a build lacks).</summary>
    UnknownCommand = 2,

    /// <summary>IPXE003: an option the command does not define.</summary>
    UnknownOption = 3,

    /// <summary>IPXE004: an option that needs a value has none.</summary>
    MissingOptionValue = 4,

    /// <summary>IPXE005: a flag option was given a value.</summary>
    UnexpectedOptionValue = 5,

    /// <summary>IPXE006: too few or too many positional arguments.</summary>
    ArgumentCount = 6,

    /// <summary>IPXE007: <c>goto</c> to a label the script does not define.</summary>
    UndefinedLabel = 7,

    /// <summary>IPXE008: the same label defined twice (<c>goto</c> always finds the first).</summary>
    DuplicateLabel = 8,

    /// <summary>IPXE009: a line no path reaches (after an unconditional <c>goto</c> or <c>exit</c>, before any label).</summary>
    UnreachableLine = 9,

    /// <summary>IPXE010: <c>boot</c> without an image argument and no <c>kernel</c>/<c>imgselect</c>/<c>imgload</c> before it.</summary>
    BootWithoutKernel = 10,

    /// <summary>IPXE011: a setting is used but never set by the script and is not one iPXE or DHCP provides.</summary>
    SettingNeverSet = 11,

    /// <summary>IPXE012: a URI scheme the target build lacks (from its DHCP option 175 feature flags).</summary>
    UnsupportedScheme = 12,

    /// <summary>IPXE013: a URI iPXE cannot fetch (unknown scheme, no host).</summary>
    InvalidUri = 13,

    /// <summary>IPXE014: the last line ends with a backslash; iPXE never runs it and the script fails.</summary>
    ContinuationAtEnd = 14,

    /// <summary>IPXE015: a NUL character; iPXE ignores the rest of that line.</summary>
    NulCharacter = 15,

    /// <summary>IPXE016: a condition (<c>iseq</c>, <c>isset</c>) whose failure is not handled with <c>||</c>, so a false condition stops the script.</summary>
    UnguardedCondition = 16,

    /// <summary>IPXE017: a value iPXE parses as an integer is not one.</summary>
    InvalidInteger = 17,

    /// <summary>IPXE018: <c>--help</c>/<c>-h</c> prints the usage and fails the command.</summary>
    HelpOption = 18,

    /// <summary>IPXE019: on EFI the kernel line lacks <c>initrd=&lt;name&gt;</c> for an initrd the script loads.</summary>
    EfiInitrdNotNamed = 19,

    /// <summary>IPXE020: an unknown setting type in <c>${name:type}</c>; iPXE expands the reference to nothing.</summary>
    UnknownSettingType = 20,

    /// <summary>IPXE021: a menu item's label has no matching <c>:label</c> although the script jumps to the chosen item.</summary>
    MenuItemWithoutLabel = 21,

    /// <summary>IPXE022: a label nothing jumps to (information only: it documents structure).</summary>
    UnusedLabel = 22,

    /// <summary>IPXE023: a command iPXE defines but not every build has (its build option is off by default, or it is architecture- or platform-specific).</summary>
    CommandNotInEveryBuild = 23,
}
