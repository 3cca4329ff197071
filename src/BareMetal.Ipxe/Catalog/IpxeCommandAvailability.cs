namespace BareMetal.Ipxe;

/// <summary>
/// Which iPXE builds contain a command with iPXE's shipped configuration (<c>src/config/general.h</c> and
/// <c>src/config/defaults/*.h</c>); a build's <c>config/local/general.h</c> can add or remove any option.
/// </summary>
public enum IpxeCommandAvailability
{
    /// <summary>Linked into every build: <c>src/core/exec.c</c>, <c>src/image/script.c</c> (scripts need it), <c>src/hci/shell.c</c> (which <c>usr/autoboot.c</c> calls).</summary>
    Always = 0,

    /// <summary>Its option is <c>#define</c>d in <c>config/general.h</c> for every platform (for example <c>IMAGE_CMD</c>, <c>MENU_CMD</c>).</summary>
    Default,

    /// <summary>Its option is <c>#define</c>d, then <c>#undef</c>'d for <c>PLATFORM_pcbios</c> ("not historically included in BIOS builds": <c>CONSOLE_CMD</c>, <c>PARAM_CMD</c>, <c>DIGEST_CMD</c>, ...).</summary>
    DefaultExceptBios,

    /// <summary>Its option is <c>#define</c>d only when building for <c>__i386__</c> or <c>__x86_64__</c> (<c>CPUID_CMD</c>).</summary>
    DefaultOnX86,

    /// <summary>Its option is <c>#define</c>d unless the platform has no device tree (<c>FDT_NULL</c>: BIOS, Linux and x86 EFI builds), so ARM, LoongArch and RISC-V builds have it (<c>FDT_CMD</c>).</summary>
    DefaultExceptX86,

    /// <summary>Its option is commented out in <c>config/general.h</c>: only builds that <c>#define</c> it have the command (<c>PING_CMD</c>, <c>IMAGE_TRUST_CMD</c>, ...).</summary>
    Optional,

    /// <summary>Commented out, and only x86 BIOS builds can have it (<c>PXE_CMD</c>: <c>startpxe</c>, <c>stoppxe</c>).</summary>
    OptionalOnX86Bios,
}
