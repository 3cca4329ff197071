namespace BareMetal.Ipxe;

/// <summary>A CPU architecture, named as iPXE's <c>${buildarch}</c> names it.</summary>
public enum IpxeArchitecture
{
    /// <summary>32-bit x86 (<c>i386</c>).</summary>
    I386 = 0,

    /// <summary>64-bit x86 (<c>x86_64</c>).</summary>
    X64,

    /// <summary>32-bit ARM (<c>arm32</c>).</summary>
    Arm32,

    /// <summary>64-bit ARM (<c>arm64</c>).</summary>
    Arm64,

    /// <summary>64-bit RISC-V (<c>riscv64</c>).</summary>
    Riscv64,
}
