using System.Buffers;
using System.Globalization;
using System.Text;
using CommunityToolkit.HighPerformance.Buffers;

namespace BareMetal.Ipxe;

/// <summary>
/// A per-machine script template: iPXE script text with <c>{{placeholder}}</c>s filled from an
/// <see cref="IpxeMachine"/>'s typed values (never by string concatenation of untrusted text).
/// Placeholders: <c>{{mac}}</c> (<c>52:54:00:12:34:56</c>), <c>{{mac-hyphen}}</c> (<c>52-54-00-12-34-56</c>),
/// <c>{{mac-hex}}</c> (<c>525400123456</c>), <c>{{ip}}</c>, <c>{{hostname}}</c>, <c>{{arch}}</c>
/// (<c>${buildarch}</c> names), <c>{{platform}}</c> (<c>pcbios</c>/<c>efi</c>) and <c>{{profile.NAME}}</c>.
/// The output always lints clean: <see cref="Render(IBufferWriter{byte}, IpxeMachine)"/> reads and lints what
/// it rendered, checks that the values did not change the template's line and token structure, and only
/// then copies it to the destination; otherwise it throws and writes nothing.
/// </summary>
public sealed class IpxeTemplate
{
    private static readonly string[] FixedNames = ["mac", "mac-hyphen", "mac-hex", "ip", "hostname", "arch", "platform"];
    private static readonly SearchValues<char> HostnameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    private readonly (string? Literal, string? Placeholder)[] _segments;
    private readonly string _shape;

    private IpxeTemplate(string source, (string? Literal, string? Placeholder)[] segments, IpxeLintOptions lintOptions)
    {
        Source = source;
        _segments = segments;
        LintOptions = lintOptions;
        Placeholders = segments.Where(s => s.Placeholder is not null).Select(s => s.Placeholder!).Distinct(StringComparer.Ordinal).ToArray();
        var sample = string.Concat(segments.Select(s => s.Literal ?? "x"));
        _shape = Shape(IpxeScriptReader.Read(sample));
    }

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>The placeholder names used, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>The lint options renders are checked with (the machine's platform and architecture replace <see cref="IpxeLintOptions.Platform"/> and <see cref="IpxeLintOptions.Architecture"/>).</summary>
    public IpxeLintOptions LintOptions { get; }

    /// <summary>Parses a template.</summary>
    /// <exception cref="ArgumentException">An unterminated or unknown placeholder (the message lists the valid ones).</exception>
    public static IpxeTemplate Parse(string text, IpxeLintOptions? lintOptions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<(string?, string?)>();
        var offset = 0;
        while (offset < text.Length)
        {
            var open = text.IndexOf("{{", offset, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add((text[offset..], null));
                break;
            }

            if (open > offset)
            {
                segments.Add((text[offset..open], null));
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                IpxeThrow.Invalid(nameof(text), $"The placeholder at offset {open} has no closing '}}}}': close it, e.g. '{{{{mac}}}}'.");
            }

            var name = text[(open + 2)..close].Trim();
            if (!FixedNames.Contains(name) && !(name.StartsWith("profile.", StringComparison.Ordinal) && name.Length > "profile.".Length))
            {
                IpxeThrow.Invalid(nameof(text), $"Unknown placeholder '{{{{{name}}}}}': use one of {string.Join(", ", FixedNames.Select(n => "{{" + n + "}}"))} or {{{{profile.NAME}}}}.");
            }

            segments.Add((null, name));
            offset = close + 2;
        }

        return new IpxeTemplate(text, [.. segments], lintOptions ?? new IpxeLintOptions { ReportUnusedLabels = false });
    }

    /// <summary>Renders the script for <paramref name="machine"/> into <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">A value is missing or invalid, changes the script's structure, or the output does not lint clean (the message lists the findings).</exception>
    public void Render(IBufferWriter<byte> writer, IpxeMachine machine)
    {
        if (!TryRender(writer, machine, out var findings))
        {
            IpxeThrow.Invalid(nameof(machine), "The rendered script does not lint clean, so nothing was written:\n" + IpxeLinter.Format(findings));
        }
    }

    /// <summary>Renders the script for <paramref name="machine"/> as a string.</summary>
    /// <exception cref="ArgumentException">As <see cref="Render(IBufferWriter{byte}, IpxeMachine)"/>.</exception>
    public string Render(IpxeMachine machine)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Render(buffer, machine);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Renders and checks the script; writes it to <paramref name="writer"/> and returns true only when it
    /// lints clean. Missing values throw; lint findings are returned.
    /// </summary>
    public bool TryRender(IBufferWriter<byte> writer, IpxeMachine machine, out IReadOnlyList<IpxeDiagnostic> findings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(machine);
        var text = new StringBuilder(Source.Length + 64);
        foreach (var (literal, placeholder) in _segments)
        {
            text.Append(literal ?? Value(placeholder!, machine));
        }

        var rendered = text.ToString();
        var script = IpxeScriptReader.Read(rendered);
        if (Shape(script) != _shape)
        {
            IpxeThrow.Invalid(nameof(machine), "A value changed the template's structure (it added a label, a separator or a token); check the profile values.");
        }

        var options = new IpxeLintOptions
        {
            Features = LintOptions.Features,
            KnownSettings = LintOptions.KnownSettings,
            ReportUnusedLabels = LintOptions.ReportUnusedLabels,
            BuildOptions = LintOptions.BuildOptions,
            AdditionalCommands = LintOptions.AdditionalCommands,
            Platform = machine.Platform,
            Architecture = machine.Architecture,
        };
        findings = IpxeLinter.Lint(script, options);
        if (!IpxeLinter.IsClean(findings))
        {
            return false;
        }

        using var bytes = new ArrayPoolBufferWriter<byte>(Encoding.UTF8.GetMaxByteCount(rendered.Length));
        var span = bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(rendered.Length));
        var count = Encoding.UTF8.GetBytes(rendered, span);
        var destination = writer.GetSpan(count);
        span[..count].CopyTo(destination);
        writer.Advance(count);
        return true;
    }

    private static string Value(string placeholder, IpxeMachine machine)
    {
        switch (placeholder)
        {
            case "mac":
                return FormatMac(machine, ':');
            case "mac-hyphen":
                return FormatMac(machine, '-');
            case "mac-hex":
                return machine.MacAddress.Value.ToString("x12", CultureInfo.InvariantCulture);
            case "ip":
                return machine.Address?.ToString() ?? throw new ArgumentException("The template uses {{ip}} but the machine has no Address: set IpxeMachine.Address.", nameof(machine));
            case "hostname":
                return ValidHostname(machine.Hostname);
            case "arch":
                return machine.Architecture switch
                {
                    IpxeArchitecture.I386 => "i386",
                    IpxeArchitecture.X64 => "x86_64",
                    IpxeArchitecture.Arm32 => "arm32",
                    IpxeArchitecture.Arm64 => "arm64",
                    _ => "riscv64",
                };
            case "platform":
                return machine.Platform == IpxePlatform.Efi ? "efi" : "pcbios";
            default:
                var key = placeholder["profile.".Length..];
                return machine.Profile.TryGetValue(key, out var value)
                    ? value.ToString()
                    : throw new ArgumentException($"The template uses {{{{profile.{key}}}}} but the machine's Profile has no '{key}': add it.", nameof(machine));
        }
    }

    private static string FormatMac(IpxeMachine machine, char separator)
    {
        // MacAddress formats as 52:54:00:12:34:56 (lowercase, colons); the hyphen form swaps the separator.
        var text = machine.MacAddress.ToString();
        return separator == ':' ? text : text.Replace(':', separator);
    }

    private static string ValidHostname(string? hostname)
    {
        if (string.IsNullOrEmpty(hostname) || hostname.Length > 253 || hostname[0] == '-' || hostname[0] == '.'
            || hostname.AsSpan().ContainsAnyExcept(HostnameCharacters))
        {
            throw new ArgumentException($"The host name '{hostname}' is missing or not an RFC 1123 name (letters, digits, '-', '.'): set IpxeMachine.Hostname to one.", nameof(hostname));
        }

        return hostname;
    }

    /// <summary>The script's structure: per line, whether it has a label, then per command its token count, option names and separator.</summary>
    private static string Shape(IpxeScript script)
    {
        var shape = new StringBuilder();
        foreach (var line in script.Lines)
        {
            shape.Append(line.Label is null ? '-' : 'L').Append(line.Comment is null ? '-' : '#');
            foreach (var command in line.Commands)
            {
                shape.Append('[').Append(command.Tokens.Count).Append(command.Separator);
                foreach (var option in command.Options)
                {
                    shape.Append(',').Append(option.Name);
                }

                shape.Append(']');
            }

            shape.Append('\n');
        }

        return shape.ToString();
    }
}
