namespace BareMetal.Dhcp;

/// <summary>
/// Client system architecture types, option 93 (RFC 4578 §2.1), with every value of the IANA "Processor
/// Architecture Types" registry. Values outside the enum are kept as sent: cast and compare the number.
/// </summary>
public enum ClientArchitecture : ushort
{
    /// <summary>0 (0x00): x86 BIOS (Intel x86PC).</summary>
    IntelX86Pc = 0,

    /// <summary>1 (0x01): NEC/PC98 (deprecated).</summary>
    NecPc98 = 1,

    /// <summary>2 (0x02): Itanium (EFI IA64).</summary>
    Itanium = 2,

    /// <summary>3 (0x03): DEC Alpha (deprecated).</summary>
    DecAlpha = 3,

    /// <summary>4 (0x04): Arc x86 (deprecated).</summary>
    ArcX86 = 4,

    /// <summary>5 (0x05): Intel Lean Client (deprecated).</summary>
    IntelLeanClient = 5,

    /// <summary>6 (0x06): x86 (IA32) UEFI.</summary>
    X86Uefi = 6,

    /// <summary>7 (0x07): x64 UEFI (RFC 4578 called this EFI BC; IANA and all x64 firmware use it for x64).</summary>
    X64Uefi = 7,

    /// <summary>8 (0x08): EFI Xscale (deprecated).</summary>
    EfiXscale = 8,

    /// <summary>9 (0x09): EFI Byte Code; some x64 firmware sends 9 for x64 UEFI, so it is treated as UEFI too.</summary>
    Ebc = 9,

    /// <summary>10 (0x0a): ARM 32-bit UEFI.</summary>
    Arm32Uefi = 10,

    /// <summary>11 (0x0b): ARM 64-bit UEFI.</summary>
    Arm64Uefi = 11,

    /// <summary>12 (0x0c): PowerPC Open Firmware.</summary>
    PowerPcOpenFirmware = 12,

    /// <summary>13 (0x0d): PowerPC ePAPR.</summary>
    PowerPcEpapr = 13,

    /// <summary>14 (0x0e): POWER OPAL v3.</summary>
    PowerOpalV3 = 14,

    /// <summary>15 (0x0f): x86 UEFI boot from HTTP.</summary>
    X86UefiHttp = 15,

    /// <summary>16 (0x10): x64 UEFI boot from HTTP.</summary>
    X64UefiHttp = 16,

    /// <summary>17 (0x11): EBC boot from HTTP.</summary>
    EbcHttp = 17,

    /// <summary>18 (0x12): ARM 32-bit UEFI boot from HTTP.</summary>
    Arm32UefiHttp = 18,

    /// <summary>19 (0x13): ARM 64-bit UEFI boot from HTTP.</summary>
    Arm64UefiHttp = 19,

    /// <summary>20 (0x14): PC/AT BIOS boot from HTTP.</summary>
    PcBiosHttp = 20,

    /// <summary>21 (0x15): ARM 32-bit U-Boot.</summary>
    Arm32Uboot = 21,

    /// <summary>22 (0x16): ARM 64-bit U-Boot.</summary>
    Arm64Uboot = 22,

    /// <summary>23 (0x17): ARM 32-bit U-Boot boot from HTTP.</summary>
    Arm32UbootHttp = 23,

    /// <summary>24 (0x18): ARM 64-bit U-Boot boot from HTTP.</summary>
    Arm64UbootHttp = 24,

    /// <summary>25 (0x19): RISC-V 32-bit UEFI.</summary>
    RiscV32Uefi = 25,

    /// <summary>26 (0x1a): RISC-V 32-bit UEFI boot from HTTP.</summary>
    RiscV32UefiHttp = 26,

    /// <summary>27 (0x1b): RISC-V 64-bit UEFI.</summary>
    RiscV64Uefi = 27,

    /// <summary>28 (0x1c): RISC-V 64-bit UEFI boot from HTTP.</summary>
    RiscV64UefiHttp = 28,

    /// <summary>29 (0x1d): RISC-V 128-bit UEFI.</summary>
    RiscV128Uefi = 29,

    /// <summary>30 (0x1e): RISC-V 128-bit UEFI boot from HTTP.</summary>
    RiscV128UefiHttp = 30,

    /// <summary>31 (0x1f): s390 Basic.</summary>
    S390Basic = 31,

    /// <summary>32 (0x20): s390 Extended.</summary>
    S390Extended = 32,

    /// <summary>33 (0x21): MIPS 32-bit UEFI.</summary>
    Mips32Uefi = 33,

    /// <summary>34 (0x22): MIPS 64-bit UEFI.</summary>
    Mips64Uefi = 34,

    /// <summary>35 (0x23): Sunway 32-bit UEFI.</summary>
    Sunway32Uefi = 35,

    /// <summary>36 (0x24): Sunway 64-bit UEFI.</summary>
    Sunway64Uefi = 36,

    /// <summary>37 (0x25): LoongArch 32-bit UEFI.</summary>
    LoongArch32Uefi = 37,

    /// <summary>38 (0x26): LoongArch 32-bit UEFI boot from HTTP.</summary>
    LoongArch32UefiHttp = 38,

    /// <summary>39 (0x27): LoongArch 64-bit UEFI.</summary>
    LoongArch64Uefi = 39,

    /// <summary>40 (0x28): LoongArch 64-bit UEFI boot from HTTP.</summary>
    LoongArch64UefiHttp = 40,

    /// <summary>41 (0x29): ARM rpiboot.</summary>
    ArmRpiBoot = 41,
}
