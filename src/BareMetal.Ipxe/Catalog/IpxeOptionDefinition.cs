namespace BareMetal.Ipxe;

/// <summary>Whether an option takes a value (<c>enum getopt_argument_requirement</c> in iPXE's <c>getopt.h</c>).</summary>
public enum IpxeOptionArgument
{
    /// <summary>A flag: <c>--autofree</c>, <c>-a</c>. A value (<c>--autofree=x</c>) is an error.</summary>
    None = 0,

    /// <summary>A value is required: <c>--name x</c>, <c>--name=x</c>, <c>-nx</c>, <c>-n x</c>.</summary>
    Required = 1,

    /// <summary>A value is optional.</summary>
    Optional = 2,
}

/// <summary>How iPXE parses an option's value (the <c>parse_*()</c> function in <c>src/core/parseopt.c</c>).</summary>
public enum IpxeValueKind
{
    /// <summary>No value (a flag).</summary>
    Flag = 0,

    /// <summary>Any text (<c>parse_string</c>).</summary>
    String,

    /// <summary>An unsigned integer, C <c>strtoul(..., 0)</c>: decimal, <c>0x</c> hex or leading-zero octal (<c>parse_integer</c>).</summary>
    Integer,

    /// <summary>Milliseconds as an integer (<c>parse_timeout</c>).</summary>
    Timeout,

    /// <summary>A single character or a key code integer (<c>parse_key</c>).</summary>
    Key,

    /// <summary>A UUID (<c>parse_uuid</c>).</summary>
    Uuid,

    /// <summary>A setting name (<c>parse_setting</c>).</summary>
    Setting,

    /// <summary>A network device name such as <c>net0</c> (<c>parse_netdev</c>).</summary>
    NetworkDevice,

    /// <summary>A configurator name such as <c>dhcp</c> (<c>parse_netdev_configurator</c>).</summary>
    Configurator,

    /// <summary>A menu or form name (<c>parse_dynui</c>).</summary>
    Menu,

    /// <summary>A parameter list name (<c>parse_parameters</c>).</summary>
    Parameters,
}

/// <summary>One option of an iPXE command (<c>OPTION_DESC</c> in the command's source).</summary>
/// <param name="LongName">The long name, used as <c>--name</c>.</param>
/// <param name="ShortName">The short name, used as <c>-n</c>.</param>
/// <param name="Argument">Whether the option takes a value.</param>
/// <param name="ValueKind">How iPXE parses the value.</param>
public sealed record IpxeOptionDefinition(string LongName, char ShortName, IpxeOptionArgument Argument, IpxeValueKind ValueKind)
{
    internal static IpxeOptionDefinition Flag(string longName, char shortName) => new(longName, shortName, IpxeOptionArgument.None, IpxeValueKind.Flag);

    internal static IpxeOptionDefinition Value(string longName, char shortName, IpxeValueKind kind) => new(longName, shortName, IpxeOptionArgument.Required, kind);
}
