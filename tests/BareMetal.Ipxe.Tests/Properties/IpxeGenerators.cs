using FsCheck;
using FsCheck.Fluent;

namespace BareMetal.Ipxe.Tests.Properties;

/// <summary>Generators for script models and for text biased towards iPXE's grammar characters.</summary>
internal static class IpxeGenerators
{
    private const string TokenCharacters = "abcxyz0129-_./:=,${}@%+~!?'\"()[]<>|&;#\\é✓";
    private const string GrammarCharacters = "#!ipxe \t\r\n\\:|&;${}-=/aZ0\0é";

    /// <summary>A token that iPXE reads back as itself in any argument position.</summary>
    public static Gen<string> Token { get; } =
        Gen.Elements(TokenCharacters.ToCharArray()).ArrayOf()
            .Where(a => a.Length is > 0 and < 14)
            .Select(a => new string(a))
            .Where(s => IpxeSyntax.ValidateArgument(s) == IpxeTokenError.None && s[0] != '-' && s[0] != ':' && !s.EndsWith('\\'));

    /// <summary>One generated line: a label, a comment, or commands with separators.</summary>
    public static Gen<GeneratedLine> Line { get; } = Gen.Frequency(
        (1, Token.Select(l => new GeneratedLine(l, null, []))),
        (1, Token.ListOf().Select(words => new GeneratedLine(null, string.Join(' ', words.Take(5)), []))),
        (6, Commands().Select(c => new GeneratedLine(null, null, c))));

    /// <summary>Text made mostly of the characters iPXE's grammar reacts to.</summary>
    public static Gen<string> GrammarText { get; } =
        Gen.Frequency(
                (8, Gen.Elements(GrammarCharacters.ToCharArray()).Select(c => c.ToString())),
                (2, Gen.Elements("#!ipxe\n", "||", "&&", " ; ", "${net0/mac}", "\\\r\n", ":label ", "kernel ", "goto ", "--name=", "-n ", "echo ", "item --gap -- ")))
            .ListOf()
            .Select(parts => string.Concat(parts));

    private static Gen<(string Name, string[] Tokens)> Command()
    {
        var known = Gen.Elements(IpxeCommandCatalog.All.ToArray()).SelectMany(KnownCommand);
        var unknown = Token.Where(t => IpxeCommandCatalog.Find(t) is null).SelectMany(name => Token.ListOf().Select(args => (name, args.Take(4).ToArray())));
        return Gen.Frequency((4, known), (1, unknown));
    }

    private static Gen<(string Name, string[] Tokens)> KnownCommand(IpxeCommandDefinition definition)
    {
        var options = definition.Options.Count == 0
            ? Gen.Constant(Array.Empty<string[]>())
            : Gen.SubListOf(definition.Options.ToArray()).SelectMany(chosen => Gen.CollectToArray(chosen.Select(OptionTokens)));
        var maxArguments = Math.Min(definition.MaxArguments, definition.MinArguments + 4);
        var arguments = Gen.Choose(definition.MinArguments, maxArguments).SelectMany(count => Token.ArrayOf(count));
        return options.SelectMany(o => arguments.Select(a => (definition.Name, o.SelectMany(t => t).Concat(a).ToArray())));
    }

    private static Gen<string[]> OptionTokens(IpxeOptionDefinition option)
    {
        if (option.Argument == IpxeOptionArgument.None)
        {
            return Gen.Elements(new[] { "--" + option.LongName }, new[] { "-" + option.ShortName });
        }

        return Token.SelectMany(value => Gen.Elements(
            new[] { "--" + option.LongName, value },
            new[] { "--" + option.LongName + "=" + value },
            new[] { "-" + option.ShortName + value },
            new[] { "-" + option.ShortName, value }));
    }

    private static Gen<IReadOnlyList<(string Name, string[] Tokens, IpxeSeparator Separator)>> Commands() =>
        Gen.Choose(1, 3).SelectMany(count =>
            Command().Zip(Gen.Elements(IpxeSeparator.Or, IpxeSeparator.And, IpxeSeparator.Semicolon)).ArrayOf(count)
                .SelectMany(parts => Gen.Elements(IpxeSeparator.None, IpxeSeparator.Or, IpxeSeparator.And, IpxeSeparator.None).Select(last =>
                    (IReadOnlyList<(string, string[], IpxeSeparator)>)parts
                        .Select((p, i) => (p.Item1.Name, p.Item1.Tokens, i == parts.Length - 1 ? last : p.Item2))
                        .ToArray())));
}

/// <summary>A generated line: exactly one of label, comment or commands.</summary>
internal sealed record GeneratedLine(string? Label, string? Comment, IReadOnlyList<(string Name, string[] Tokens, IpxeSeparator Separator)> Commands)
{
    public override string ToString() =>
        Label is not null ? ":" + Label : Comment is not null ? "# " + Comment : string.Join(" ", Commands.Select(c => c.Name + " " + string.Join(' ', c.Tokens) + " " + c.Separator));
}
