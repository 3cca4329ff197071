using System.Globalization;

namespace BareMetal.Grub;

public sealed partial class GrubConfigBuilder
{
    /// <summary>
    /// Writes <c>linux KERNEL ARG...</c>. GRUB joins the arguments with spaces into the kernel command line
    /// (<c>grub_create_loader_cmdline()</c>), so each argument is one kernel parameter such as
    /// <c>console=ttyS0,115200</c>. Under Secure Boot the kernel is verified through shim before it runs.
    /// </summary>
    public GrubConfigBuilder Linux(ReadOnlySpan<char> kernel, ReadOnlySpan<string> arguments = default)
    {
        RequirePath(kernel, nameof(kernel));
        foreach (var argument in arguments)
        {
            Require(argument, nameof(arguments));
        }

        Command("linux").Argument(kernel);
        foreach (var argument in arguments)
        {
            Argument(argument);
        }

        return this;
    }

    /// <summary>Writes <c>initrd FILE...</c>: GRUB loads the files one after the other as one initramfs.</summary>
    public GrubConfigBuilder Initrd(ReadOnlySpan<string> files)
    {
        if (files.IsEmpty)
        {
            GrubThrow.Invalid(nameof(files), "initrd needs at least one file.");
        }

        foreach (var file in files)
        {
            RequirePath(file, nameof(files));
        }

        Command("initrd");
        foreach (var file in files)
        {
            Argument(file);
        }

        return this;
    }

    /// <summary>Writes <c>boot</c>: starts the kernel or chain-loaded image loaded before.</summary>
    public GrubConfigBuilder Boot() => Command("boot");

    /// <summary>Writes <c>echo TEXT</c>, shown on GRUB's console (and a serial console, when one is set up).</summary>
    public GrubConfigBuilder Echo(ReadOnlySpan<char> text)
    {
        Require(text, nameof(text));
        // A word starting with '-' would be read as one of echo's options (-n, -e): end the options first.
        Command("echo");
        if (text.StartsWith('-'))
        {
            Argument("--");
        }

        return Argument(text);
    }

    /// <summary>Writes <c>chainloader FILE</c>: loads an EFI application (on EFI, through the firmware's LoadImage).</summary>
    public GrubConfigBuilder Chainloader(ReadOnlySpan<char> file)
    {
        RequirePath(file, nameof(file));
        return Command("chainloader").Argument(file);
    }

    /// <summary>Writes <c>configfile FILE</c>: reads another configuration and shows its menu.</summary>
    public GrubConfigBuilder Configfile(ReadOnlySpan<char> file)
    {
        RequirePath(file, nameof(file));
        return Command("configfile").Argument(file);
    }

    /// <summary>
    /// Writes <c>search --no-floppy --set=VARIABLE --label LABEL</c>: finds the file system with that label and
    /// stores its device name (such as <c>hd0,gpt1</c>) in the variable, <c>root</c> by default.
    /// </summary>
    public GrubConfigBuilder SearchByLabel(ReadOnlySpan<char> label, ReadOnlySpan<char> variable = default) =>
        Search("--label", label, variable);

    /// <summary>Writes <c>search --no-floppy --set=VARIABLE --fs-uuid UUID</c> (see <see cref="SearchByLabel"/>).</summary>
    public GrubConfigBuilder SearchByFileSystemUuid(ReadOnlySpan<char> uuid, ReadOnlySpan<char> variable = default) =>
        Search("--fs-uuid", uuid, variable);

    /// <summary>Writes <c>search --no-floppy --set=VARIABLE --file PATH</c> (see <see cref="SearchByLabel"/>).</summary>
    public GrubConfigBuilder SearchByFile(ReadOnlySpan<char> path, ReadOnlySpan<char> variable = default)
    {
        RequirePath(path, nameof(path));
        return Search("--file", path, variable);
    }

    /// <summary>Writes <c>sleep SECONDS</c>.</summary>
    public GrubConfigBuilder Sleep(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        return Command("sleep").Argument(seconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Writes <c>exit</c> (with a status when given): on EFI, GRUB returns to the firmware, which tries its next
    /// boot option — the local disk, when the network was first.
    /// </summary>
    public GrubConfigBuilder Exit(int? status = null)
    {
        Command("exit");
        if (status is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Argument(value.ToString(CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>Writes <c>reboot</c>.</summary>
    public GrubConfigBuilder Reboot() => Command("reboot");

    /// <summary>Writes <c>halt</c>.</summary>
    public GrubConfigBuilder Halt() => Command("halt");

    private GrubConfigBuilder Search(string kind, ReadOnlySpan<char> value, ReadOnlySpan<char> variable)
    {
        Require(value, nameof(value));
        if (value.IsEmpty)
        {
            GrubThrow.InvalidText(nameof(value), GrubTextError.Empty, value);
        }

        var target = variable.IsEmpty ? "root" : variable;
        RequireName(target, nameof(variable));
        Command("search").Argument("--no-floppy");
        StartArgument();
        WriteAscii("--set=");
        WriteUtf8(target);
        return Argument(kind).Argument(value);
    }

    private void StartArgument() => WriteAscii(" ");

    private static void RequirePath(ReadOnlySpan<char> path, string parameter)
    {
        Require(path, parameter);
        if (path.IsEmpty)
        {
            GrubThrow.InvalidText(parameter, GrubTextError.Empty, path);
        }
    }
}
