namespace BareMetal.Ipxe;

/// <summary>
/// Which menu items must be labels: those of a menu whose <c>choose</c> stores the chosen item's name in a
/// setting that then reaches a <c>goto ${setting}</c>. <c>choose</c> writes the item name to its setting
/// argument (<c>choose_exec()</c> in src/hci/commands/dynui_cmd.c); a menu is found by its <c>--name</c>, or
/// is the unnamed one, and <c>menu</c> replaces an earlier menu of the same name (<c>create_dynui()</c> in
/// src/core/dynui.c). A choice that is only stored (<c>choose release || goto exit</c>, then
/// <c>goto menu</c>) needs no labels, nor does one whose jump is written to go on without a label
/// (a line <c>goto ${menu} ||</c> before <c>chain ${menu}.ipxe</c>, as netboot.xyz-style menus do).
/// </summary>
internal static class IpxeMenuFlow
{
    /// <summary>A <c>goto</c> whose target is built from the choice, such as <c>${target}</c> or <c>boot-${os:string}</c>.</summary>
    /// <param name="Goto">The goto command.</param>
    /// <param name="Target">The target token.</param>
    /// <param name="Setting">The setting the choice was stored in.</param>
    /// <param name="OnlyFor">The one item the jump runs for, when an <c>iseq ${setting} item &amp;&amp;</c> guards it; null for all.</param>
    public sealed record ChoiceJump(IpxeCommand Goto, IpxeToken Target, string Setting, string? OnlyFor)
    {
        /// <summary>The label the jump looks for when <paramref name="item"/> is chosen.</summary>
        public string LabelFor(string item)
        {
            var text = Target.Text;
            foreach (var reference in Target.GetReferences())
            {
                text = text.Replace(reference.ToString(), item, StringComparison.Ordinal);
            }

            return text;
        }
    }

    /// <summary>One <c>choose</c>, its menu's items, and the jumps its choice reaches.</summary>
    /// <param name="Choose">The choose command.</param>
    /// <param name="Items">The menu's item names (gaps and names built from settings left out).</param>
    /// <param name="Jumps">The <c>goto</c>s the stored choice reaches, whose target only that setting decides.</param>
    /// <param name="Diverted">Item names a test sends to a fixed label (<c>iseq ${x} raid1 &amp;&amp; goto preseed ||</c>).</param>
    public sealed record Choice(IpxeCommand Choose, IReadOnlyList<IpxeToken> Items, IReadOnlyList<ChoiceJump> Jumps, IReadOnlySet<string> Diverted);

    public static List<Choice> Find(LintContext context)
    {
        var menus = new Dictionary<string, List<IpxeToken>>(StringComparer.Ordinal);
        var choices = new List<Choice>();
        var lines = context.Script.Lines;
        for (var l = 0; l < lines.Count; l++)
        {
            var commands = lines[l].Commands;
            for (var c = 0; c < commands.Count; c++)
            {
                var command = commands[c];
                switch (command.Kind)
                {
                    case IpxeCommandKind.Menu or IpxeCommandKind.Form:
                        if (command.HasOption("delete"))
                        {
                            menus.Remove(MenuKey(command, "name"));
                        }
                        else
                        {
                            menus[MenuKey(command, "name")] = [];
                        }

                        break;
                    case IpxeCommandKind.Item when !command.HasOption("gap") && command.FirstArgument is { } item && !item.HasReferences:
                        var key = command.HasOption("form") ? MenuKey(command, "form") : MenuKey(command, "menu");
                        if (menus.TryGetValue(key, out var items))
                        {
                            items.Add(item);
                        }

                        break;
                    case IpxeCommandKind.Choose when command.OptionError == IpxeOptionError.None && command.FirstArgument is { } setting:
                        var name = IpxeLintRules.SettingName(setting.Span);
                        var menu = menus.GetValueOrDefault(MenuKey(command, "menu"));
                        var diverted = new HashSet<string>(StringComparer.Ordinal);
                        choices.Add(new Choice(command, menu ?? [], JumpsReached(context, l, c + 1, name, diverted), diverted));
                        break;
                }
            }
        }

        return choices;
    }

    /// <summary>The menu name an option gives, or "" for the unnamed menu.</summary>
    private static string MenuKey(IpxeCommand command, string option) => command.GetOption(option)?.Value?.Text ?? string.Empty;

    /// <summary>
    /// The <c>goto</c>s that can read <paramref name="setting"/> before something overwrites it, following the
    /// script from a command on as iPXE may run it: on along the line (a command may be skipped by its
    /// terminator, so all of them are visited), to the next line when the line can fall through, and to the
    /// label of every <c>goto</c> with a fixed target.
    /// </summary>
    private static List<ChoiceJump> JumpsReached(LintContext context, int startLine, int startCommand, string setting, HashSet<string> diverted)
    {
        var jumps = new List<ChoiceJump>();
        var lines = context.Script.Lines;
        var entered = new HashSet<int>();
        var pending = new Stack<(int Line, int Command)>();
        pending.Push((startLine, startCommand));
        while (pending.Count > 0)
        {
            var (l, first) = pending.Pop();
            var commands = lines[l].Commands;
            var overwritten = false;
            for (var c = first; c < commands.Count && !overwritten; c++)
            {
                var command = commands[c];
                if (c == 0 && Overwrites(command, setting))
                {
                    // Runs whenever the line does: the stored choice is gone on this path.
                    overwritten = true;
                    break;
                }

                if (command.Kind != IpxeCommandKind.Goto || command.FirstArgument is not { } target)
                {
                    continue;
                }

                // "iseq ${setting} value && goto ..." runs the jump for that one value only.
                var onlyFor = GuardValue(commands, c, setting);
                if (!target.HasReferences)
                {
                    if (onlyFor is not null)
                    {
                        diverted.Add(onlyFor);
                    }

                    if (context.LabelLines.TryGetValue(target.Text, out var index))
                    {
                        if (entered.Add(index))
                        {
                            pending.Push((index, 0));
                        }
                    }

                    continue;
                }

                var references = target.GetReferences();
                if (references.Any(r => r.Name == setting) && !FallsBackOnMissingLabel(commands, c))
                {
                    // Only a target the choice alone decides can be checked against the labels.
                    // (":string" and ":uristring" leave a plain item name as it is; ":hex" and others do not.)
                    if (references.All(r => r.Name == setting && !r.IsDynamic && r.Type is null or "string" or "uristring"))
                    {
                        jumps.Add(new ChoiceJump(command, target, setting, onlyFor));
                    }
                }
            }

            if (!overwritten && context.Flow.FallsThroughAt(l) && l + 1 < lines.Count && entered.Add(l + 1))
            {
                pending.Push((l + 1, 0));
            }
        }

        return jumps;
    }

    /// <summary>
    /// Whether a <c>goto ${x}</c> is written to go on when no label matches: it starts its line and its failure
    /// is handled there (<c>goto ${menu} ||</c>, then <c>chain ${menu}.ipxe</c>). In
    /// <c>choose x &amp;&amp; goto ${x} ||</c> the <c>||</c> is there for Esc, and a missing label is still a mistake.
    /// </summary>
    private static bool FallsBackOnMissingLabel(IReadOnlyList<IpxeCommand> commands, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (!commands[i].IsEmpty)
            {
                return false;
            }
        }

        return commands[index].Separator is IpxeSeparator.Or or IpxeSeparator.Semicolon;
    }

    /// <summary>The value <c>v</c> when the command before the one at <paramref name="index"/> is "iseq ${setting} v &amp;&amp;" (either order).</summary>
    private static string? GuardValue(IReadOnlyList<IpxeCommand> commands, int index, string setting)
    {
        if (index == 0 || commands[index - 1] is not { Kind: IpxeCommandKind.Iseq, Separator: IpxeSeparator.And, ArgumentCount: 2 } iseq)
        {
            return null;
        }

        var (left, right) = (iseq.Arguments[0], iseq.Arguments[1]);
        return IsWholeReference(left, setting) && !right.HasReferences ? right.Text
            : IsWholeReference(right, setting) && !left.HasReferences ? left.Text
            : null;
    }

    private static bool IsWholeReference(IpxeToken token, string setting) =>
        token.GetReferences() is [{ IsDynamic: false } reference] && reference.Name == setting && token.Text == reference.ToString();

    /// <summary>Whether the command writes the setting (a new <c>choose</c> starts its own flow).</summary>
    private static bool Overwrites(IpxeCommand command, string setting) =>
        command.Kind is IpxeCommandKind.Set or IpxeCommandKind.Clear or IpxeCommandKind.Read or IpxeCommandKind.Choose or IpxeCommandKind.Inc or IpxeCommandKind.Imgset
        && command.FirstArgument is { } name && IpxeLintRules.SettingName(name.Span) == setting;
}
