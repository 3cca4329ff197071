namespace BareMetal.Ipxe;

/// <summary>
/// Matches a command's tokens against its definition the way iPXE's own <c>getopt_long()</c>
/// (<c>src/core/getopt.c</c>) does: options end at the first token not starting with '-' (no permutation)
/// or at <c>--</c>; long options match the whole name followed by nothing or <c>=value</c> (no prefixes);
/// short options may be grouped (<c>-ak</c>) and take the rest of the token or the next token as a value;
/// a next token starting with '-' is never taken as a value; <c>--help</c>/<c>-h</c> always exist.
/// </summary>
internal static class IpxeOptionParser
{
    private static readonly IpxeOptionDefinition HelpOption = IpxeOptionDefinition.Flag("help", 'h');

    /// <param name="tokens">The command's tokens, name first.</param>
    /// <param name="definition">The command's definition.</param>
    /// <param name="scratch">A reusable list for the options found (cleared here), or null to allocate one when needed.</param>
    public static Result Parse(IpxeToken[] tokens, IpxeCommandDefinition definition, List<IpxeOption>? scratch)
    {
        scratch?.Clear();
        var options = scratch;
        var definitions = (IpxeOptionDefinition[])definition.Options;
        var index = 1;
        var endOfOptions = false;
        var error = IpxeOptionError.None;
        var errorIndex = -1;

        while (index < tokens.Length && error == IpxeOptionError.None)
        {
            var token = tokens[index];
            var text = token.Span;
            if (text.Length == 0 || text[0] != '-')
            {
                break;
            }

            if (text.Length >= 2 && text[1] == '-')
            {
                if (text.Length == 2)
                {
                    endOfOptions = true;
                    index++;
                    break;
                }

                error = ParseLong(tokens, ref index, definitions, ref options);
                errorIndex = error == IpxeOptionError.None ? -1 : index;
                continue;
            }

            error = ParseShortGroup(tokens, ref index, definitions, ref options, out errorIndex);
        }

        var argumentCount = tokens.Length - index;
        if (error == IpxeOptionError.None && (argumentCount < definition.MinArguments || argumentCount > definition.MaxArguments))
        {
            error = IpxeOptionError.ArgumentCount;
            errorIndex = argumentCount > definition.MaxArguments ? index + definition.MaxArguments : 0;
        }

        return new Result(options is null || options.Count == 0 ? [] : options.ToArray(), index, endOfOptions, error, errorIndex);
    }

    private static IpxeOptionError ParseLong(IpxeToken[] tokens, ref int index, IpxeOptionDefinition[] definitions, ref List<IpxeOption>? options)
    {
        var token = tokens[index];
        var text = token.Span[2..];
        var definition = MatchLong(text, definitions);
        if (definition is null)
        {
            return IpxeOptionError.UnknownOption;
        }

        var nameLength = definition.LongName.Length;
        IpxeToken? value = text.Length > nameLength
            ? new IpxeToken(token.Value[(2 + nameLength + 1)..], token.Position with { Column = token.Position.Column + 2 + nameLength + 1 })
            : null;
        if (definition == HelpOption)
        {
            return IpxeOptionError.Help;
        }

        if (definition.Argument == IpxeOptionArgument.None && value is not null)
        {
            return IpxeOptionError.UnexpectedValue;
        }

        var optionIndex = index;
        index++;
        if (definition.Argument != IpxeOptionArgument.None && value is null && index < tokens.Length && !tokens[index].Span.StartsWith('-'))
        {
            value = tokens[index];
            index++;
        }

        if (definition.Argument == IpxeOptionArgument.Required && value is null)
        {
            index = optionIndex;
            return IpxeOptionError.MissingValue;
        }

        (options ??= []).Add(new IpxeOption(definition, token, value));
        return IpxeOptionError.None;
    }

    private static IpxeOptionDefinition? MatchLong(ReadOnlySpan<char> text, IpxeOptionDefinition[] definitions)
    {
        foreach (var definition in definitions)
        {
            if (MatchesLong(text, definition.LongName))
            {
                return definition;
            }
        }

        return MatchesLong(text, HelpOption.LongName) ? HelpOption : null;
    }

    private static bool MatchesLong(ReadOnlySpan<char> text, string name) =>
        text.StartsWith(name, StringComparison.Ordinal) && (text.Length == name.Length || text[name.Length] == '=');

    private static IpxeOptionError ParseShortGroup(IpxeToken[] tokens, ref int index, IpxeOptionDefinition[] definitions, ref List<IpxeOption>? options, out int errorIndex)
    {
        var token = tokens[index];
        var text = token.Span;
        errorIndex = index;

        // A lone "-": iPXE compares the terminating NUL with each short option and finds none.
        if (text.Length == 1)
        {
            return IpxeOptionError.UnknownOption;
        }

        for (var next = 1; next < text.Length; next++)
        {
            var definition = MatchShort(text[next], definitions);
            if (definition is null)
            {
                return IpxeOptionError.UnknownOption;
            }

            if (definition == HelpOption)
            {
                return IpxeOptionError.Help;
            }

            if (definition.Argument == IpxeOptionArgument.None)
            {
                (options ??= []).Add(new IpxeOption(definition, token, null));
                continue;
            }

            // The rest of the token is the value; otherwise the next token, unless it starts with '-'.
            IpxeToken? value = null;
            if (next + 1 < text.Length)
            {
                value = new IpxeToken(token.Value[(next + 1)..], token.Position with { Column = token.Position.Column + next + 1 });
                index++;
            }
            else
            {
                index++;
                if (index < tokens.Length && !tokens[index].Span.StartsWith('-'))
                {
                    value = tokens[index];
                    index++;
                }
            }

            if (definition.Argument == IpxeOptionArgument.Required && value is null)
            {
                return IpxeOptionError.MissingValue;
            }

            (options ??= []).Add(new IpxeOption(definition, token, value));
            errorIndex = -1;
            return IpxeOptionError.None;
        }

        index++;
        errorIndex = -1;
        return IpxeOptionError.None;
    }

    private static IpxeOptionDefinition? MatchShort(char c, IpxeOptionDefinition[] definitions)
    {
        foreach (var definition in definitions)
        {
            if (definition.ShortName == c)
            {
                return definition;
            }
        }

        return c == 'h' ? HelpOption : null;
    }

    public readonly record struct Result(IpxeOption[] Options, int ArgumentStart, bool EndOfOptions, IpxeOptionError Error, int ErrorTokenIndex);
}
