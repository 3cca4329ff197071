using System.Text;

namespace BareMetal.Ipxe;

/// <summary>
/// Finds mistakes in a script before any machine boots it. Every finding has a code
/// (<see cref="IpxeDiagnosticCode"/>), a severity, a position and a message that says the fix. Flow-based
/// rules read the script as iPXE runs it (lines in order, labels as entry
/// points, <c>||</c>/<c>&amp;&amp;</c>/<c>;</c> within a line), and menu rules follow the setting each
/// <c>choose</c> writes to the jumps it reaches (docs/ipxe.md, "How the flow rules read a script").
/// </summary>
public static class IpxeLinter
{
    /// <summary>Reads and lints UTF-8 script bytes.</summary>
    public static IReadOnlyList<IpxeDiagnostic> Lint(ReadOnlySpan<byte> utf8, IpxeLintOptions options) =>
        Lint(IpxeScriptReader.Read(utf8), options);

    /// <summary>Reads and lints script text with default options.</summary>
    public static IReadOnlyList<IpxeDiagnostic> Lint(string text) => Lint(IpxeScriptReader.Read(text), IpxeLintOptions.Default);

    /// <summary>Reads and lints script text.</summary>
    public static IReadOnlyList<IpxeDiagnostic> Lint(string text, IpxeLintOptions options) =>
        Lint(IpxeScriptReader.Read(text), options);

    /// <summary>Lints a script model with default options.</summary>
    public static IReadOnlyList<IpxeDiagnostic> Lint(IpxeScript script) => Lint(script, IpxeLintOptions.Default);

    /// <summary>Lints a script model; the reader's own diagnostics are included. Ordered by position.</summary>
    public static IReadOnlyList<IpxeDiagnostic> Lint(IpxeScript script, IpxeLintOptions options)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(options);
        var context = new LintContext(script, options);
        var found = new List<IpxeDiagnostic>(script.Diagnostics);
        IpxeLintRules.UnknownCommands(context, found);
        IpxeLintRules.Labels(context, found);
        IpxeLintRules.Unreachable(context, found);
        IpxeLintRules.BootWithoutKernel(context, found);
        IpxeLintRules.Settings(context, found);
        IpxeLintRules.Uris(context, found);
        IpxeLintRules.UnguardedConditions(context, found);
        IpxeLintRules.Integers(context, found);
        IpxeLintRules.EfiInitrds(context, found);
        return [.. found.OrderBy(d => d.Position.Line).ThenBy(d => d.Position.Column).ThenBy(d => d.Code)];
    }

    /// <summary>Whether the findings hold no warning and no error.</summary>
    public static bool IsClean(IReadOnlyList<IpxeDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity != IpxeSeverity.Info)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats findings one per line, <c>line:column: severity IPXE000: message</c>.</summary>
    public static string Format(IReadOnlyList<IpxeDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            text.Append(diagnostic).Append('\n');
        }

        return text.ToString();
    }

    internal static string SuggestLabel(string wanted, IEnumerable<string> labels)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var label in labels)
        {
            var distance = Distance(wanted, label);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = label;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, wanted.Length / 3) ? $" Did you mean '{best}'?" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>What every rule needs: the script, the options, the labels.</summary>
internal sealed class LintContext
{
    public LintContext(IpxeScript script, IpxeLintOptions options)
    {
        Script = script;
        Options = options;
        for (var i = 0; i < script.Lines.Count; i++)
        {
            var line = script.Lines[i];
            if (line.Label is { } label)
            {
                var name = label.Text;
                if (!Labels.ContainsKey(name))
                {
                    Labels[name] = line;
                    LabelLines[name] = i;
                }
            }

            foreach (var command in line.Commands)
            {
                if (command.Kind == IpxeCommandKind.Goto && command.FirstArgument is { } target && target.HasReferences)
                {
                    HasDynamicGoto = true;
                }
            }
        }

        Flow = new IpxeControlFlow(script, LabelLines);
    }

    public IpxeScript Script { get; }

    public IpxeLintOptions Options { get; }

    /// <summary>The first line of each label.</summary>
    public Dictionary<string, IpxeLine> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>The index (in <see cref="IpxeScript.Lines"/>) of the first line of each label.</summary>
    public Dictionary<string, int> LabelLines { get; } = new(StringComparer.Ordinal);

    /// <summary>Which lines can run.</summary>
    public IpxeControlFlow Flow { get; }

    /// <summary>Whether some <c>goto</c> jumps through a setting, so any label may be a target.</summary>
    public bool HasDynamicGoto { get; }
}
