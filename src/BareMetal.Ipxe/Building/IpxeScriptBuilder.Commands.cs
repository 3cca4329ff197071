namespace BareMetal.Ipxe;

/// <content>Typed commands. Option names, argument counts and meanings follow iPXE's command sources
/// (<c>src/hci/commands/*.c</c>, <c>src/core/exec.c</c>, <c>src/image/script.c</c>).</content>
public partial struct IpxeScriptBuilder
{
    /// <summary>
    /// Writes any command: <paramref name="name"/> then each of <paramref name="tokens"/>, each validated
    /// as one token (options such as <c>--timeout=5000</c> are tokens too).
    /// </summary>
    public IpxeScriptBuilder Command(ReadOnlySpan<char> name, params ReadOnlySpan<string> tokens)
    {
        IpxeArguments.RequirePositional(name, nameof(name));
        if (name[0] == ':')
        {
            // At the start of a line iPXE would read it as a label (process_script() in src/image/script.c).
            IpxeThrow.Invalid(nameof(name), $"A command name cannot start with ':' (iPXE reads ':{name[1..]}' as a label): use Label() for labels.");
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            IpxeArguments.RequireToken(tokens[i], nameof(tokens));
        }

        IpxeArguments.RequireNoTrailingBackslash(tokens.IsEmpty ? name : tokens[^1], nameof(tokens));
        BeginCommand(default);
        WriteText(name);
        for (var i = 0; i < tokens.Length; i++)
        {
            WriteToken(tokens[i]);
        }

        return this;
    }

    /// <summary><c>dhcp [interface]</c>: configures an interface by DHCP (iPXE's synonym for <c>ifconf</c>).</summary>
    public IpxeScriptBuilder Dhcp(ReadOnlySpan<char> networkInterface = default) =>
        SimpleCommand("dhcp"u8, networkInterface, nameof(networkInterface));

    /// <summary><c>ifopen [interface]</c>: opens a network interface.</summary>
    public IpxeScriptBuilder Ifopen(ReadOnlySpan<char> networkInterface = default) =>
        SimpleCommand("ifopen"u8, networkInterface, nameof(networkInterface));

    /// <summary><c>ifclose [interface]</c>: closes a network interface.</summary>
    public IpxeScriptBuilder Ifclose(ReadOnlySpan<char> networkInterface = default) =>
        SimpleCommand("ifclose"u8, networkInterface, nameof(networkInterface));

    /// <summary>
    /// <c>kernel [--name name] uri [command line]</c>: fetches and selects a kernel. The command line's words
    /// become separate tokens (iPXE joins them with single spaces).
    /// </summary>
    public IpxeScriptBuilder Kernel(ReadOnlySpan<char> uri, ReadOnlySpan<char> commandLine = default, ReadOnlySpan<char> name = default) =>
        ImageCommand("kernel"u8, uri, name, autofree: false, replace: false, default, commandLine);

    /// <summary><c>initrd [--name name] uri</c>: fetches an initial ramdisk.</summary>
    public IpxeScriptBuilder Initrd(ReadOnlySpan<char> uri, ReadOnlySpan<char> name = default) =>
        ImageCommand("initrd"u8, uri, name, autofree: false, replace: false, default, default);

    /// <summary><c>imgfetch [--name name] uri [arguments]</c>: fetches an image without selecting it.</summary>
    public IpxeScriptBuilder Imgfetch(ReadOnlySpan<char> uri, ReadOnlySpan<char> name = default, ReadOnlySpan<char> arguments = default) =>
        ImageCommand("imgfetch"u8, uri, name, autofree: false, replace: false, default, arguments);

    /// <summary><c>module [--name name] uri [arguments]</c>: fetches a module (multiboot, initrd).</summary>
    public IpxeScriptBuilder Module(ReadOnlySpan<char> uri, ReadOnlySpan<char> name = default, ReadOnlySpan<char> arguments = default) =>
        ImageCommand("module"u8, uri, name, autofree: false, replace: false, default, arguments);

    /// <summary>
    /// <c>chain [--autofree] [--replace] uri [arguments]</c>: fetches and executes an image (a script, a kernel,
    /// an EFI program). <paramref name="autofree"/> frees it after it runs; <paramref name="replace"/> makes it
    /// replace the current script instead of returning to it.
    /// </summary>
    public IpxeScriptBuilder Chain(ReadOnlySpan<char> uri, ReadOnlySpan<char> arguments = default, bool autofree = false, bool replace = false) =>
        ImageCommand("chain"u8, uri, default, autofree, replace, default, arguments);

    /// <summary><c>boot [image]</c>: executes the selected image (or the named one).</summary>
    public IpxeScriptBuilder Boot(ReadOnlySpan<char> image = default) => SimpleCommand("boot"u8, image, nameof(image));

    /// <summary><c>imgfree [image]</c>: frees the named image, or all images.</summary>
    public IpxeScriptBuilder Imgfree(ReadOnlySpan<char> image = default) => SimpleCommand("imgfree"u8, image, nameof(image));

    /// <summary><c>imgargs image arguments</c>: replaces an image's command line.</summary>
    public IpxeScriptBuilder Imgargs(ReadOnlySpan<char> image, ReadOnlySpan<char> arguments)
    {
        IpxeArguments.RequirePositional(image, nameof(image));
        IpxeArguments.RequireWords(arguments, nameof(arguments), firstMayBeOption: true);
        IpxeArguments.RequireNoTrailingBackslash(image, nameof(image));
        BeginCommand("imgargs"u8);
        WriteToken(image);
        WriteWords(arguments);
        return this;
    }

    /// <summary><c>set setting value</c>: stores a setting (the value's words are joined with single spaces).</summary>
    public IpxeScriptBuilder Set(ReadOnlySpan<char> setting, ReadOnlySpan<char> value)
    {
        IpxeArguments.RequirePositional(setting, nameof(setting));
        IpxeArguments.RequireWords(value, nameof(value), firstMayBeOption: true);
        IpxeArguments.RequireNoTrailingBackslash(setting, nameof(setting));
        BeginCommand("set"u8);
        WriteToken(setting);
        WriteWords(value);
        return this;
    }

    /// <summary><c>clear setting</c>: deletes a setting.</summary>
    public IpxeScriptBuilder Clear(ReadOnlySpan<char> setting) => OneArgument("clear"u8, setting, nameof(setting));

    /// <summary><c>read setting</c>: reads a setting's value from the console.</summary>
    public IpxeScriptBuilder Read(ReadOnlySpan<char> setting) => OneArgument("read"u8, setting, nameof(setting));

    /// <summary><c>echo [-n] text</c>: prints text (its words joined with single spaces).</summary>
    public IpxeScriptBuilder Echo(ReadOnlySpan<char> text, bool noNewline = false)
    {
        IpxeArguments.RequireWords(text, nameof(text), firstMayBeOption: false);
        BeginCommand("echo"u8);
        if (noNewline)
        {
            WriteFlag("-n"u8);
        }

        WriteWords(text);
        return this;
    }

    /// <summary><c>prompt [--key key] [--timeout ms] [text]</c>: waits for a key press.</summary>
    public IpxeScriptBuilder Prompt(ReadOnlySpan<char> text = default, long timeoutMilliseconds = 0, ReadOnlySpan<char> key = default)
    {
        IpxeArguments.RequireNonNegative(timeoutMilliseconds, nameof(timeoutMilliseconds));
        if (!key.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(key, nameof(key));
        }

        IpxeArguments.RequireWords(text, nameof(text), firstMayBeOption: false);
        if (text.Trim(' ').IsEmpty && !key.IsEmpty)
        {
            IpxeArguments.RequireNoTrailingBackslash(key, nameof(key));
        }

        BeginCommand("prompt"u8);
        if (!key.IsEmpty)
        {
            WriteOption("--key"u8, key);
        }

        if (timeoutMilliseconds > 0)
        {
            WriteOption("--timeout"u8, timeoutMilliseconds);
        }

        WriteWords(text);
        return this;
    }

    /// <summary><c>goto label</c>: continues at <c>:label</c>.</summary>
    public IpxeScriptBuilder Goto(ReadOnlySpan<char> label) => OneArgument("goto"u8, label, nameof(label));

    /// <summary><c>exit</c>: ends the script (on EFI, iPXE returns to the firmware, which tries the next boot option).</summary>
    public IpxeScriptBuilder Exit()
    {
        BeginCommand("exit"u8);
        return this;
    }

    /// <summary><c>exit status</c>: ends the script with a status code.</summary>
    public IpxeScriptBuilder Exit(int status)
    {
        IpxeArguments.RequireNonNegative(status, nameof(status));
        BeginCommand("exit"u8);
        WriteRaw(" "u8);
        WriteInteger(status);
        return this;
    }

    /// <summary><c>sleep seconds</c>.</summary>
    public IpxeScriptBuilder Sleep(int seconds)
    {
        IpxeArguments.RequireNonNegative(seconds, nameof(seconds));
        BeginCommand("sleep"u8);
        WriteRaw(" "u8);
        WriteInteger(seconds);
        return this;
    }

    /// <summary><c>isset value</c>: succeeds when the (expanded) value is not empty, e.g. <c>isset ${filename}</c>.</summary>
    public IpxeScriptBuilder Isset(ReadOnlySpan<char> value) => OneArgument("isset"u8, value, nameof(value));

    /// <summary><c>iseq left right</c>: succeeds when both (expanded) values are equal.</summary>
    public IpxeScriptBuilder Iseq(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        IpxeArguments.RequirePositional(left, nameof(left));
        IpxeArguments.RequireToken(right, nameof(right));
        IpxeArguments.RequireNoTrailingBackslash(right, nameof(right));
        BeginCommand("iseq"u8);
        WriteToken(left);
        WriteToken(right);
        return this;
    }

    /// <summary><c>ntp server</c>: sets the clock from an NTP server.</summary>
    public IpxeScriptBuilder Ntp(ReadOnlySpan<char> server) => OneArgument("ntp"u8, server, nameof(server));

    /// <summary><c>login</c>: prompts for a user name and password.</summary>
    public IpxeScriptBuilder Login()
    {
        BeginCommand("login"u8);
        return this;
    }

    /// <summary><c>shell</c>: enters the interactive iPXE shell.</summary>
    public IpxeScriptBuilder Shell()
    {
        BeginCommand("shell"u8);
        return this;
    }

    /// <summary><c>reboot</c>.</summary>
    public IpxeScriptBuilder Reboot()
    {
        BeginCommand("reboot"u8);
        return this;
    }

    /// <summary><c>poweroff</c>.</summary>
    public IpxeScriptBuilder Poweroff()
    {
        BeginCommand("poweroff"u8);
        return this;
    }

    /// <summary><c>menu [--name name] [title]</c>: starts a menu.</summary>
    public IpxeScriptBuilder Menu(ReadOnlySpan<char> title = default, ReadOnlySpan<char> name = default)
    {
        if (!name.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(name, nameof(name));
        }

        IpxeArguments.RequireWords(title, nameof(title), firstMayBeOption: false);
        if (title.Trim(' ').IsEmpty && !name.IsEmpty)
        {
            IpxeArguments.RequireNoTrailingBackslash(name, nameof(name));
        }

        BeginCommand("menu"u8);
        if (!name.IsEmpty)
        {
            WriteOption("--name"u8, name);
        }

        WriteWords(title);
        return this;
    }

    /// <summary>
    /// <c>item [--key key] [--default] label text</c>: adds a menu entry whose choice is <paramref name="label"/>.
    /// </summary>
    public IpxeScriptBuilder Item(ReadOnlySpan<char> label, ReadOnlySpan<char> text, ReadOnlySpan<char> key = default, bool isDefault = false, ReadOnlySpan<char> menu = default)
    {
        if (!key.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(key, nameof(key));
        }

        if (!menu.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(menu, nameof(menu));
        }

        IpxeArguments.RequirePositional(label, nameof(label));
        IpxeArguments.RequireWords(text, nameof(text), firstMayBeOption: true);
        if (text.Trim(' ').IsEmpty)
        {
            IpxeArguments.RequireNoTrailingBackslash(label, nameof(label));
        }

        BeginCommand("item"u8);
        if (!menu.IsEmpty)
        {
            WriteOption("--menu"u8, menu);
        }

        if (!key.IsEmpty)
        {
            WriteOption("--key"u8, key);
        }

        if (isDefault)
        {
            WriteFlag("--default"u8);
        }

        WriteToken(label);
        WriteWords(text);
        return this;
    }

    /// <summary><c>item --gap [text]</c>: a non-selectable line in a menu.</summary>
    public IpxeScriptBuilder ItemGap(ReadOnlySpan<char> text = default)
    {
        // The text follows "--" (end of options), so its first word may start with '-'.
        IpxeArguments.RequireWords(text, nameof(text), firstMayBeOption: true);
        BeginCommand("item"u8);
        WriteFlag("--gap"u8);
        if (!text.Trim(' ').IsEmpty)
        {
            // With --gap every positional argument is text (item_exec() in src/hci/commands/dynui_cmd.c).
            WriteRaw(" --"u8);
            WriteWords(text);
        }

        return this;
    }

    /// <summary>
    /// <c>choose [--timeout ms] [--default label] [--menu name] setting</c>: shows the menu and stores the
    /// chosen label in <paramref name="setting"/>. Follow it with <c>And().Goto("${setting}")</c>.
    /// </summary>
    public IpxeScriptBuilder Choose(ReadOnlySpan<char> setting, long timeoutMilliseconds = 0, ReadOnlySpan<char> defaultLabel = default, ReadOnlySpan<char> menu = default)
    {
        IpxeArguments.RequireNonNegative(timeoutMilliseconds, nameof(timeoutMilliseconds));
        if (!defaultLabel.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(defaultLabel, nameof(defaultLabel));
        }

        if (!menu.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(menu, nameof(menu));
        }

        IpxeArguments.RequirePositional(setting, nameof(setting));
        IpxeArguments.RequireNoTrailingBackslash(setting, nameof(setting));
        BeginCommand("choose"u8);
        if (!menu.IsEmpty)
        {
            WriteOption("--menu"u8, menu);
        }

        if (!defaultLabel.IsEmpty)
        {
            WriteOption("--default"u8, defaultLabel);
        }

        if (timeoutMilliseconds > 0)
        {
            WriteOption("--timeout"u8, timeoutMilliseconds);
        }

        WriteToken(setting);
        return this;
    }

    /// <summary>
    /// <c>sanboot [--no-describe] [--keep] [--drive n] [uri]</c>: boots a SAN device, or with no URI the
    /// drive given by <paramref name="drive"/> (BIOS: <c>0x80</c> is the first hard disk).
    /// </summary>
    public IpxeScriptBuilder Sanboot(ReadOnlySpan<char> uri = default, uint? drive = null, bool noDescribe = false, bool keep = false)
    {
        if (!uri.IsEmpty)
        {
            IpxeArguments.RequireUri(uri, nameof(uri));
            IpxeArguments.RequireNoTrailingBackslash(uri, nameof(uri));
        }

        BeginCommand("sanboot"u8);
        if (noDescribe)
        {
            WriteFlag("--no-describe"u8);
        }

        if (keep)
        {
            WriteFlag("--keep"u8);
        }

        if (drive is { } d)
        {
            WriteRaw(" --drive "u8);
            WriteHex(d);
        }

        if (!uri.IsEmpty)
        {
            WriteToken(uri);
        }

        return this;
    }

    /// <summary><c>sanhook [--drive n] [--no-describe] uri</c>: attaches a SAN device without booting it.</summary>
    public IpxeScriptBuilder Sanhook(ReadOnlySpan<char> uri, uint? drive = null, bool noDescribe = false)
    {
        IpxeArguments.RequireUri(uri, nameof(uri));
        IpxeArguments.RequireNoTrailingBackslash(uri, nameof(uri));
        BeginCommand("sanhook"u8);
        if (drive is { } d)
        {
            WriteRaw(" --drive "u8);
            WriteHex(d);
        }

        if (noDescribe)
        {
            WriteFlag("--no-describe"u8);
        }

        WriteToken(uri);
        return this;
    }

    /// <summary><c>params [--name name]</c>: starts a form parameter list (for HTTP POST).</summary>
    public IpxeScriptBuilder Params(ReadOnlySpan<char> name = default)
    {
        if (!name.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(name, nameof(name));
            IpxeArguments.RequireNoTrailingBackslash(name, nameof(name));
        }

        BeginCommand("params"u8);
        if (!name.IsEmpty)
        {
            WriteOption("--name"u8, name);
        }

        return this;
    }

    /// <summary><c>param [--params name] key [value]</c>: adds a form parameter.</summary>
    public IpxeScriptBuilder Param(ReadOnlySpan<char> key, ReadOnlySpan<char> value = default, ReadOnlySpan<char> parameterList = default)
    {
        if (!parameterList.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(parameterList, nameof(parameterList));
        }

        IpxeArguments.RequirePositional(key, nameof(key));
        IpxeArguments.RequireWords(value, nameof(value), firstMayBeOption: true);
        if (value.Trim(' ').IsEmpty)
        {
            IpxeArguments.RequireNoTrailingBackslash(key, nameof(key));
        }

        BeginCommand("param"u8);
        if (!parameterList.IsEmpty)
        {
            WriteOption("--params"u8, parameterList);
        }

        WriteToken(key);
        WriteWords(value);
        return this;
    }

    private IpxeScriptBuilder SimpleCommand(ReadOnlySpan<byte> command, ReadOnlySpan<char> optionalArgument, string parameter)
    {
        if (!optionalArgument.IsEmpty)
        {
            IpxeArguments.RequirePositional(optionalArgument, parameter);
            IpxeArguments.RequireNoTrailingBackslash(optionalArgument, parameter);
        }

        BeginCommand(command);
        if (!optionalArgument.IsEmpty)
        {
            WriteToken(optionalArgument);
        }

        return this;
    }

    private IpxeScriptBuilder OneArgument(ReadOnlySpan<byte> command, ReadOnlySpan<char> argument, string parameter)
    {
        IpxeArguments.RequirePositional(argument, parameter);
        IpxeArguments.RequireNoTrailingBackslash(argument, parameter);
        BeginCommand(command);
        WriteToken(argument);
        return this;
    }

    /// <summary>The image commands share iPXE's "imgsingle" option set (<c>src/hci/commands/image_cmd.c</c>).</summary>
    private IpxeScriptBuilder ImageCommand(
        ReadOnlySpan<byte> command,
        ReadOnlySpan<char> uri,
        ReadOnlySpan<char> name,
        bool autofree,
        bool replace,
        IpxeInitrdNames initrdNames,
        ReadOnlySpan<char> arguments)
    {
        if (!name.IsEmpty)
        {
            IpxeArguments.RequireOptionValue(name, nameof(name));
        }

        IpxeArguments.RequireUri(uri, nameof(uri));
        IpxeArguments.RequireWords(arguments, nameof(arguments), firstMayBeOption: true);
        if (arguments.Trim(' ').IsEmpty && initrdNames.Count == 0)
        {
            IpxeArguments.RequireNoTrailingBackslash(uri, nameof(uri));
        }

        BeginCommand(command);
        if (!name.IsEmpty)
        {
            WriteOption("--name"u8, name);
        }

        if (autofree)
        {
            WriteFlag("--autofree"u8);
        }

        if (replace)
        {
            WriteFlag("--replace"u8);
        }

        WriteToken(uri);
        for (var i = 0; i < initrdNames.Count; i++)
        {
            WriteRaw(" initrd="u8);
            WriteText(initrdNames[i]);
        }

        WriteWords(arguments);
        return this;
    }

    /// <summary>
    /// <c>kernel</c> with <c>initrd=&lt;name&gt;</c> for each initrd first on the command line: the rule
    /// iPXE on EFI needs, because the Linux EFI stub loads initrds named on its command line.
    /// </summary>
    internal IpxeScriptBuilder KernelWithInitrds(ReadOnlySpan<char> uri, ReadOnlySpan<char> name, IpxeInitrdNames initrdNames, ReadOnlySpan<char> commandLine) =>
        ImageCommand("kernel"u8, uri, name, autofree: false, replace: false, initrdNames, commandLine);
}
