using System.Text;

namespace BareMetal.Ipxe.Tests;

/// <summary>
/// A readable, position-bearing text form of a model, used for the corpus's expected models:
/// <c>line: :label | name(Kind) --option=value [arg|arg] ||  # comment</c>.
/// </summary>
internal static class IpxeModelDump
{
    public static string Dump(IpxeScript script)
    {
        var text = new StringBuilder();
        text.Append("header: ").Append(script.Header).Append('\n');
        foreach (var line in script.Lines)
        {
            if (line.IsBlank)
            {
                continue;
            }

            text.Append(line.Position.Line);
            if (line.PhysicalLineCount > 1)
            {
                text.Append('-').Append(line.Position.Line + line.PhysicalLineCount - 1);
            }

            text.Append(':');
            if (line.Label is { } label)
            {
                text.Append(" :").Append(label.Text).Append(" |");
            }

            foreach (var command in line.Commands)
            {
                text.Append(' ');
                if (command.IsEmpty)
                {
                    text.Append("(empty)");
                }
                else
                {
                    text.Append(command.Name.Text).Append('(').Append(command.Kind).Append(')');
                    foreach (var option in command.Options)
                    {
                        text.Append(" --").Append(option.Name);
                        if (option.Value is { } value)
                        {
                            text.Append('=').Append(value.Text);
                        }
                    }

                    if (command.HasEndOfOptions)
                    {
                        text.Append(" --");
                    }

                    text.Append(" [").AppendJoin('|', command.Arguments.Select(a => a.Text)).Append(']');
                    if (command.OptionError != IpxeOptionError.None)
                    {
                        text.Append(" !").Append(command.OptionError);
                    }
                }

                text.Append(command.Separator switch
                {
                    IpxeSeparator.Or => " ||",
                    IpxeSeparator.And => " &&",
                    IpxeSeparator.Semicolon => " ;",
                    _ => string.Empty,
                });
            }

            if (line.Comment is { } comment)
            {
                text.Append("  ").Append(comment.Text);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
