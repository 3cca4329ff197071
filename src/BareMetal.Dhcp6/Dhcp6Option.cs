namespace BareMetal.Dhcp6;

/// <summary>One option as it sits in the message: its code and a view of its value (RFC 8415 §21.1).</summary>
public readonly ref struct Dhcp6Option
{
    internal Dhcp6Option(Dhcp6OptionCode code, ReadOnlySpan<byte> value)
    {
        Code = code;
        Value = value;
    }

    /// <summary>The option code.</summary>
    public Dhcp6OptionCode Code { get; }

    /// <summary>The option's value bytes (without the 4-byte code and length header).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Reads an IA_NA, IA_TA or IA_PD option (RFC 8415 §21.4, §21.5, §21.21).</summary>
    /// <param name="association">The view, or <c>default</c>.</param>
    /// <returns>Whether this is an identity association with a valid fixed part.</returns>
    public bool TryReadIdentityAssociation(out Dhcp6IdentityAssociation association) =>
        Dhcp6IdentityAssociation.TryRead(Code, Value, out association);

    /// <summary>Reads an IA Address option (RFC 8415 §21.6).</summary>
    /// <param name="address">The view, or <c>default</c>.</param>
    /// <returns>Whether this is an IA Address of valid length.</returns>
    public bool TryReadIaAddress(out Dhcp6IaAddress address) => Dhcp6IaAddress.TryRead(Code, Value, out address);

    /// <summary>Reads an IA Prefix option (RFC 8415 §21.22).</summary>
    /// <param name="prefix">The view, or <c>default</c>.</param>
    /// <returns>Whether this is an IA Prefix of valid length.</returns>
    public bool TryReadIaPrefix(out Dhcp6IaPrefix prefix) => Dhcp6IaPrefix.TryRead(Code, Value, out prefix);
}
