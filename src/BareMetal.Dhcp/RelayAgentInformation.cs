namespace BareMetal.Dhcp;

/// <summary>
/// Option 82, relay agent information (RFC 3046): sub-options added by a relay and echoed by the server. RFC
/// 3046 sub-options have no pad or end codes.
/// </summary>
public readonly ref struct RelayAgentInformation
{
    /// <summary>Agent circuit id (RFC 3046 §3.1).</summary>
    public const byte CircuitIdCode = 1;

    /// <summary>Agent remote id (RFC 3046 §3.2).</summary>
    public const byte RemoteIdCode = 2;

    /// <summary>Link selection (RFC 3527 §3): the subnet to allocate from, when it differs from giaddr's.</summary>
    public const byte LinkSelectionCode = 5;

    /// <summary>Creates a view over option 82's value.</summary>
    /// <param name="value">The option value.</param>
    public RelayAgentInformation(ReadOnlySpan<byte> value) => Value = value;

    /// <summary>The raw option value, to echo unchanged in replies (RFC 3046 §2.2).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Enumerates the sub-options.</summary>
    /// <returns>An allocation-free enumerator.</returns>
    public DhcpSubOptionEnumerator GetEnumerator() => new(Value, padAndEnd: false);

    /// <summary>Sub-option 1, the agent circuit id.</summary>
    /// <param name="value">Its bytes.</param>
    /// <returns>Whether it is present.</returns>
    public bool TryGetCircuitId(out ReadOnlySpan<byte> value) => DhcpSubOptionEnumerator.TryFind(Value, false, CircuitIdCode, out value);

    /// <summary>Sub-option 2, the agent remote id.</summary>
    /// <param name="value">Its bytes.</param>
    /// <returns>Whether it is present.</returns>
    public bool TryGetRemoteId(out ReadOnlySpan<byte> value) => DhcpSubOptionEnumerator.TryFind(Value, false, RemoteIdCode, out value);

    /// <summary>Sub-option 5, link selection (RFC 3527).</summary>
    /// <param name="subnet">An address on the link the client is on.</param>
    /// <returns>Whether it is present with exactly four bytes.</returns>
    public bool TryGetLinkSelection(out Ipv4Address subnet)
    {
        if (DhcpSubOptionEnumerator.TryFind(Value, false, LinkSelectionCode, out var value) && value.Length == 4)
        {
            subnet = Ipv4Address.Read(value);
            return true;
        }

        subnet = default;
        return false;
    }
}
