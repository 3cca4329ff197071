using System.Net;

namespace BareMetal.Grub;

/// <summary>
/// File names on a network server in GRUB's device syntax, <c>(PROTOCOL,SERVER)/PATH</c>: GRUB's
/// <c>grub_net_open_real()</c> takes the protocol before the first comma and the server after it.
/// </summary>
/// <remarks>
/// GRUB 2.06 (Debian 12's signed <c>grubnetx64.efi</c>) has no port in this syntax: TFTP goes to port 69 and HTTP to
/// port 80. A host that serves its HTTP API on another port serves GRUB's files by TFTP (or on port 80).
/// </remarks>
public static class GrubNetworkPath
{
    /// <summary><c>(tftp,SERVER)/PATH</c>: a file fetched by TFTP from <paramref name="server"/>.</summary>
    public static string Tftp(string server, string path) => Build("tftp", server, path);

    /// <summary><c>(http,SERVER)/PATH</c>: a file fetched by HTTP from port 80 of <paramref name="server"/>.</summary>
    public static string Http(string server, string path) => Build("http", server, path);

    private static string Build(string protocol, string server, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(server);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!IsServer(server))
        {
            GrubThrow.Invalid(nameof(server), $"'{server}' is not a server GRUB can reach: give an IPv4 address or a DNS name (letters, digits, '-' and '.'); GRUB 2.06 takes no port here.");
        }

        if (path[0] != '/')
        {
            GrubThrow.Invalid(nameof(path), $"'{path}' must be an absolute path on the server, starting with '/'.");
        }

        var error = GrubSyntax.ValidateLiteral(path);
        if (error != GrubTextError.None)
        {
            GrubThrow.InvalidText(nameof(path), error, path);
        }

        return string.Concat("(", protocol, ",", server, ")", path);
    }

    private static bool IsServer(string server)
    {
        if (IPAddress.TryParse(server, out var address))
        {
            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        }

        return Uri.CheckHostName(server) == UriHostNameType.Dns;
    }
}
