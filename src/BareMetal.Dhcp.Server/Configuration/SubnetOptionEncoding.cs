using System.Text;
using BareMetal.Dhcp.Server.Addressing;

namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>Encodes the subnet options whose wire form is more than a list of addresses, once, at start.</summary>
internal static class SubnetOptionEncoding
{
    /// <summary>
    /// RFC 3397 §2: the search list as a sequence of domain names in DNS wire format (RFC 1035 §3.1: length-prefixed
    /// labels ending with a zero byte). Written without compression pointers, which §2 allows the server to use but
    /// never requires; values over 255 bytes are split by the writer (RFC 3396).
    /// </summary>
    public static bool TryEncodeDomainSearch(IList<string> domains, string path, List<string> errors, out byte[]? encoded)
    {
        encoded = null;
        if (domains.Count == 0)
        {
            return true;
        }

        var bytes = new List<byte>();
        var ok = true;
        for (var i = 0; i < domains.Count; i++)
        {
            var name = domains[i].TrimEnd('.');
            if (!IsHostName(name))
            {
                errors.Add($"{path}.DomainSearch[{i}]: '{domains[i]}' is not a domain name; use labels of letters, digits and '-' (1-63 characters each, 253 in all) separated by dots.");
                ok = false;
                continue;
            }

            foreach (var label in name.Split('.'))
            {
                bytes.Add((byte)label.Length);
                bytes.AddRange(Encoding.ASCII.GetBytes(label));
            }

            bytes.Add(0);
        }

        encoded = ok ? [.. bytes] : null;
        return ok;
    }

    /// <summary>
    /// RFC 3442 §2: each route as the prefix length, the significant octets of the destination (ceil(prefix / 8)),
    /// then the router. The default route via <paramref name="router"/> is added when no route covers 0.0.0.0/0,
    /// since a client that receives option 121 ignores option 3.
    /// </summary>
    public static bool TryEncodeClasslessRoutes(IList<string> routes, Ipv4Address? router, string path, List<string> errors, out byte[]? encoded)
    {
        encoded = null;
        if (routes.Count == 0)
        {
            return true;
        }

        var bytes = new List<byte>();
        var ok = true;
        var hasDefault = false;
        for (var i = 0; i < routes.Count; i++)
        {
            if (!TryParseRoute(routes[i], out var destination, out var prefix, out var gateway, out var problem))
            {
                errors.Add($"{path}.ClasslessRoutes[{i}]: '{routes[i]}' {problem}");
                ok = false;
                continue;
            }

            hasDefault |= prefix == 0;
            Append(bytes, destination, prefix, gateway);
        }

        if (ok && !hasDefault && router is { } r)
        {
            Append(bytes, 0, 0, r.Value);
        }

        encoded = ok ? [.. bytes] : null;
        return ok;
    }

    private static void Append(List<byte> bytes, uint destination, int prefix, uint gateway)
    {
        bytes.Add((byte)prefix);
        for (var octet = 0; octet < (prefix + 7) / 8; octet++)
        {
            bytes.Add((byte)(destination >> (24 - (8 * octet))));
        }

        bytes.Add((byte)(gateway >> 24));
        bytes.Add((byte)(gateway >> 16));
        bytes.Add((byte)(gateway >> 8));
        bytes.Add((byte)gateway);
    }

    private static bool TryParseRoute(string text, out uint destination, out int prefix, out uint gateway, out string problem)
    {
        destination = 0;
        prefix = 0;
        gateway = 0;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts[1].Equals("via", StringComparison.OrdinalIgnoreCase))
        {
            problem = "is not a route; write NETWORK/PREFIX via GATEWAY, for example 198.18.0.0/15 via 192.0.2.254.";
            return false;
        }

        // RFC 3442 §2: prefixes 0 (the default route) to 32 (a host route).
        var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !Ipv4.TryParse(parts[0][..slash], out destination)
            || !int.TryParse(parts[0].AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)
            || prefix > 32)
        {
            problem = $"has no valid NETWORK/PREFIX ('{parts[0]}'); for example 198.18.0.0/15.";
            return false;
        }

        if ((destination & ~Ipv4.MaskOf(prefix)) != 0)
        {
            problem = $"has host bits set in {parts[0]}; write the network address, {Ipv4.Format(destination & Ipv4.MaskOf(prefix))}/{prefix}.";
            return false;
        }

        if (!Ipv4.TryParse(parts[2], out gateway))
        {
            problem = $"has no valid gateway ('{parts[2]}'); give an IPv4 address on the client's subnet.";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>RFC 1123 §2.1 host-name syntax, also what RFC 3397 search domains hold in practice.</summary>
    private static bool IsHostName(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
