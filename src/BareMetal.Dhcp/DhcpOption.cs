namespace BareMetal.Dhcp;

/// <summary>One option instance as it appears on the wire: its code and a view of its value bytes.</summary>
public readonly ref struct DhcpOption
{
    /// <summary>Creates an option view.</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The value bytes (a slice of the packet).</param>
    public DhcpOption(DhcpOptionCode code, ReadOnlySpan<byte> value)
    {
        Code = code;
        Value = value;
    }

    /// <summary>The option code.</summary>
    public DhcpOptionCode Code { get; }

    /// <summary>The value bytes, without the code and length bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
