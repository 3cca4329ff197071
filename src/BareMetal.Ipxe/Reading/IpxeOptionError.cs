namespace BareMetal.Ipxe;

/// <summary>Why iPXE would reject a command's options or argument count (<c>reparse_options()</c> in <c>src/core/parseopt.c</c>).</summary>
public enum IpxeOptionError
{
    /// <summary>The options and argument count are valid.</summary>
    None = 0,

    /// <summary>An option the command does not define ("Unrecognised option").</summary>
    UnknownOption,

    /// <summary>An option that needs a value has none: iPXE does not take a next token that starts with '-' as a value.</summary>
    MissingValue,

    /// <summary>A flag option was given a value (<c>--autofree=1</c>): "takes no argument".</summary>
    UnexpectedValue,

    /// <summary><c>--help</c> or <c>-h</c>: iPXE prints the usage and the command fails.</summary>
    Help,

    /// <summary>Too few or too many positional arguments.</summary>
    ArgumentCount,
}
