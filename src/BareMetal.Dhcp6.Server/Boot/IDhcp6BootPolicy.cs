namespace BareMetal.Dhcp6.Server.Boot;

/// <summary>Decides what a DHCPv6 boot client loads (the host implements it from its inventory).</summary>
public interface IDhcp6BootPolicy
{
    /// <summary>The Boot File URL (option 59, RFC 5970 §3.1) for a boot client, or <c>null</c> to send none.</summary>
    /// <param name="client">What the request says about the client.</param>
    /// <param name="serverAddress">This server's address on the client's link.</param>
    /// <returns>An absolute URL with the IPv6 literal in brackets, or <c>null</c>.</returns>
    string? ChooseBootFileUrl(in Dhcp6BootClientInfo client, Ipv6Address serverAddress);
}
