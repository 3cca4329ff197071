using System.Runtime.CompilerServices;

namespace BareMetal.Dhcp;

/// <summary>A 256-bit set of option codes, so a reader answers "is option N here?" without scanning.</summary>
internal struct OptionSet
{
    private Bits _bits;

    public readonly bool Contains(byte code) => (_bits[code >> 6] & (1UL << (code & 63))) != 0;

    public void Add(byte code) => _bits[code >> 6] |= 1UL << (code & 63);

    /// <summary>Adds <paramref name="code"/>; returns whether it was already present.</summary>
    public bool AddOrFind(byte code)
    {
        ref var word = ref _bits[code >> 6];
        var bit = 1UL << (code & 63);
        var found = (word & bit) != 0;
        word |= bit;
        return found;
    }

    [InlineArray(4)]
    private struct Bits
    {
        private ulong _element;
    }
}

/// <summary>
/// Where the first options of a message start (offsets of their code bytes), recorded during the validating
/// walk so lookups jump to an option instead of re-walking lengths. Holds up to <see cref="Capacity"/> entries;
/// a message with more options (or over 64 KiB) is looked up by walking, as before.
/// </summary>
internal struct OptionIndex
{
    public const int Capacity = 32;

    private Offsets _offsets;

    /// <summary>Entries recorded; <see cref="Capacity"/> + 1 once the index overflowed (lookups then walk).</summary>
    public int Count;

    public readonly bool IsComplete => Count <= Capacity;

    public readonly ushort this[int index] => _offsets[index];

    public void Add(int offset)
    {
        if (Count < Capacity && offset <= ushort.MaxValue)
        {
            _offsets[Count++] = (ushort)offset;
        }
        else
        {
            Count = Capacity + 1;
        }
    }

    [InlineArray(Capacity)]
    private struct Offsets
    {
        private ushort _element;
    }
}
