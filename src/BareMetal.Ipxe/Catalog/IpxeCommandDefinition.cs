namespace BareMetal.Ipxe;

/// <summary>
/// One iPXE command as its source defines it: <c>COMMAND_DESC(struct, options, min_args, max_args, usage)</c>.
/// Every command also accepts <c>--help</c>/<c>-h</c>, which prints the usage and fails.
/// </summary>
public sealed class IpxeCommandDefinition
{
    /// <summary>iPXE's <c>MAX_ARGUMENTS</c>: no upper limit.</summary>
    public const int Unlimited = int.MaxValue;

    internal IpxeCommandDefinition(string name, IpxeCommandKind kind, int minArguments, int maxArguments, string usage, string source, string? buildOption, IpxeCommandAvailability availability, IpxeOptionDefinition[] options)
    {
        BuildOption = buildOption;
        Availability = availability;
        Name = name;
        Kind = kind;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        Usage = usage;
        Source = source;
        Options = options;
    }

    /// <summary>The command name.</summary>
    public string Name { get; }

    /// <summary>The typed kind.</summary>
    public IpxeCommandKind Kind { get; }

    /// <summary>The fewest positional arguments (after the options).</summary>
    public int MinArguments { get; }

    /// <summary>The most positional arguments; <see cref="Unlimited"/> for iPXE's <c>MAX_ARGUMENTS</c>.</summary>
    public int MaxArguments { get; }

    /// <summary>The usage text iPXE prints, e.g. <c>&lt;uri&gt; [&lt;arguments&gt;...]</c>.</summary>
    public string Usage { get; }

    /// <summary>The iPXE source file that defines the command.</summary>
    public string Source { get; }

    /// <summary>
    /// The build option that brings the command in: the <c>#define</c> in iPXE's <c>config/general.h</c>
    /// (or <c>config/crypto.h</c>) under which a <c>config/*.c</c> file does <c>REQUIRE_OBJECT</c> on
    /// <see cref="Source"/>, such as <c>CPUID_CMD</c>. <c>+</c> joins options that are all needed
    /// (<c>DIGEST_CMD+CRYPTO_DIGEST_SHA256</c>), <c>|</c> options of which one is enough; <see langword="null"/>
    /// for the core commands of <c>src/core/exec.c</c>.
    /// </summary>
    public string? BuildOption { get; }

    /// <summary>Which builds have the command with iPXE's shipped configuration.</summary>
    public IpxeCommandAvailability Availability { get; }

    /// <summary>The options, in iPXE's order (which decides matches, as in getopt).</summary>
    public IReadOnlyList<IpxeOptionDefinition> Options { get; }

    /// <summary>Finds an option by long name.</summary>
    public IpxeOptionDefinition? FindOption(ReadOnlySpan<char> longName)
    {
        foreach (var option in (IpxeOptionDefinition[])Options)
        {
            if (longName.SequenceEqual(option.LongName))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>The usage line: <c>name [--opt &lt;opt&gt;] ... usage</c>, as iPXE's <c>print_usage()</c> shows it.</summary>
    public string FormatUsage()
    {
        var text = new System.Text.StringBuilder(Name);
        foreach (var option in (IpxeOptionDefinition[])Options)
        {
            text.Append(" [-").Append(option.ShortName).Append("|--").Append(option.LongName);
            if (option.Argument != IpxeOptionArgument.None)
            {
                text.Append(" <").Append(option.LongName).Append('>');
            }

            text.Append(']');
        }

        if (Usage.Length > 0)
        {
            text.Append(' ').Append(Usage);
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
