namespace BareMetal.Dhcp;

/// <summary>A 256-bit set of option codes, so a reader answers "is option N here?" without scanning.</summary>
internal struct OptionSet
{
    private ulong _bits0;
    private ulong _bits1;
    private ulong _bits2;
    private ulong _bits3;

    public readonly bool Contains(byte code) => ((code >> 6) switch
    {
        0 => _bits0,
        1 => _bits1,
        2 => _bits2,
        _ => _bits3,
    } & (1UL << (code & 63))) != 0;

    public readonly bool IsEmpty => (_bits0 | _bits1 | _bits2 | _bits3) == 0;

    public void Add(byte code)
    {
        var bit = 1UL << (code & 63);
        switch (code >> 6)
        {
            case 0: _bits0 |= bit; break;
            case 1: _bits1 |= bit; break;
            case 2: _bits2 |= bit; break;
            default: _bits3 |= bit; break;
        }
    }
}
