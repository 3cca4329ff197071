using BareMetal.Ipxe;
using CommunityToolkit.HighPerformance.Buffers;

namespace BareMetal.NetbootHost.Boot;

/// <summary>Renders the host's scripts with BareMetal.Ipxe (which applies the EFI <c>initrd=</c> rule).</summary>
internal sealed class IpxeBootScripts : IBootScripts
{
    public string LinuxBoot(LinuxBootPlan plan)
    {
        var spec = new LinuxBootSpec
        {
            KernelUri = plan.KernelUrl,
            Initrds = plan.InitrdUrls.Select(u => new LinuxInitrd(u)).ToList(),
            CommandLine = plan.Cmdline,
        };
        try
        {
            return Render(writer => IpxeScripts.WriteLinuxBoot(writer, spec, Platform(plan.Efi)));
        }
        catch (ArgumentException ex)
        {
            // An inventory value iPXE cannot carry (the inventory loader rejects most before this point).
            return NoBoot($"the profile cannot be written as an iPXE script: {ex.Message}");
        }
    }

    public string LocalBoot(bool efi, string reason, LocalBootSpec? localBoot) =>
        Render(writer => IpxeScripts.WriteLocalBoot(writer, Platform(efi), Printable($"{reason}: booting from the local disk"), localBoot));

    public string NoBoot(string reason) =>
        Render(writer => new IpxeScriptBuilder(writer).Header().Echo(Printable(reason) + ": no boot").Exit().Complete());

    private static IpxePlatform Platform(bool efi) => efi ? IpxePlatform.Efi : IpxePlatform.Bios;

    /// <summary>Keeps an echo line free of what iPXE would expand or split (settings, separators, comments).</summary>
    private static string Printable(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or ':' or '.' or '-' or '_' or '/' or ',' or '(' or ')' or '\'' ? c : '_').ToArray());

    private static string Render(Action<ArrayPoolBufferWriter<byte>> write)
    {
        using var buffer = new ArrayPoolBufferWriter<byte>(512);
        write(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
