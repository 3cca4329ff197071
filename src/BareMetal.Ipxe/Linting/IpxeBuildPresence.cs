namespace BareMetal.Ipxe;

/// <summary>Whether the target build has a command iPXE defines, from what <see cref="IpxeLintOptions"/> says about it.</summary>
internal static class IpxeBuildPresence
{
    public enum Presence
    {
        /// <summary>The target build has it (or every build does).</summary>
        Present,

        /// <summary>Some builds lack it and the options do not say whether the target is one of them.</summary>
        MaybeAbsent,

        /// <summary>The options describe a build that lacks it.</summary>
        Absent,
    }

    /// <summary>Decides whether the build has the command, and why not when it may lack it.</summary>
    public static Presence Of(IpxeCommandDefinition definition, IpxeLintOptions options, out string why)
    {
        why = string.Empty;
        var availability = definition.Availability;
        if (availability == IpxeCommandAvailability.Always)
        {
            return Presence.Present;
        }

        var option = definition.BuildOption!;
        var x86 = options.Architecture is { } architecture ? architecture is IpxeArchitecture.I386 or IpxeArchitecture.X64 : (bool?)null;
        switch (availability)
        {
            case IpxeCommandAvailability.DefaultOnX86 or IpxeCommandAvailability.OptionalOnX86Bios when x86 == false:
                why = $"only x86 builds have it ({option} is set only for __i386__/__x86_64__, {definition.Source}), and the target is {options.Architecture}";
                return Presence.Absent;
            case IpxeCommandAvailability.OptionalOnX86Bios when options.Platform == IpxePlatform.Efi:
                why = $"only x86 BIOS builds can have it ({option}, {definition.Source}), and the target is EFI";
                return Presence.Absent;
            case IpxeCommandAvailability.DefaultExceptX86 when x86 == true:
                why = $"x86 builds have no device tree support (FDT_NULL), so {option} is off ({definition.Source})";
                return Presence.Absent;
        }

        if (options.BuildOptions is { } enabled)
        {
            if (!IsEnabled(option, enabled))
            {
                why = $"the target build does not define {option} (IpxeLintOptions.BuildOptions), which brings it in ({definition.Source})";
                return Presence.Absent;
            }

            if (x86 is null && availability is IpxeCommandAvailability.DefaultOnX86 or IpxeCommandAvailability.OptionalOnX86Bios)
            {
                why = $"only x86 builds have it ({option}, {definition.Source}), and the target's architecture is not given";
                return Presence.MaybeAbsent;
            }

            return Presence.Present;
        }

        switch (availability)
        {
            case IpxeCommandAvailability.Default:
            case IpxeCommandAvailability.DefaultExceptBios when options.Platform == IpxePlatform.Efi:
            case IpxeCommandAvailability.DefaultOnX86 or IpxeCommandAvailability.DefaultExceptX86 when x86 is not null:
                return Presence.Present;
            case IpxeCommandAvailability.DefaultExceptBios:
                why = $"iPXE's config/general.h leaves {option} out of BIOS builds (it is in EFI builds; {definition.Source})";
                return Presence.MaybeAbsent;
            case IpxeCommandAvailability.DefaultOnX86:
                why = $"only x86 builds have it ({option}, {definition.Source}), not arm64 or riscv64 ones";
                return Presence.MaybeAbsent;
            case IpxeCommandAvailability.DefaultExceptX86:
                why = $"x86 builds leave {option} out (no device tree support); ARM, LoongArch and RISC-V builds have it ({definition.Source})";
                return Presence.MaybeAbsent;
            default:
                why = $"iPXE's default configuration leaves {option} out; only builds that #define it in config/local/general.h have it ({definition.Source})";
                return Presence.MaybeAbsent;
        }
    }

    /// <summary>Whether the options satisfy "A+B" (all) or "A|B" (any) as <see cref="IpxeCommandDefinition.BuildOption"/> writes them.</summary>
    private static bool IsEnabled(string option, IReadOnlyCollection<string> enabled)
    {
        foreach (var alternative in option.Split('|'))
        {
            var all = true;
            foreach (var part in alternative.Split('+'))
            {
                all &= enabled.Contains(part, StringComparer.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
