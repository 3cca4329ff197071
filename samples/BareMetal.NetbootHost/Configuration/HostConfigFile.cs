using BareMetal.Dhcp.Server.Configuration;
using BareMetal.NetbootHost.Inventory;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BareMetal.NetbootHost.Configuration;

/// <summary>
/// The host's configuration file (--config FILE, YAML): any number of DHCP subnets, each with its pools and the
/// options its machines need. Read into <see cref="DhcpSubnetOptions"/> and checked by the DHCP server's own validator,
/// whose field paths (<c>Subnets[1].Router</c>) are mapped back to the file's line and column, so every problem names
/// the file, the place, the field and the fix (the inventory's error shape, <see cref="InventoryError"/>).
/// </summary>
/// <remarks>
/// <code>
/// dhcp:
///   subnets:
///     - network: 192.0.2.0/24            # the interface's own subnet
///       pools: [192.0.2.100-192.0.2.199]
///       router: 192.0.2.1
///       dns: [192.0.2.53]
///     - network: 198.18.10.0/24          # behind a relay: chosen by giaddr, option 118 or 82/5
///       pools: [198.18.10.100-198.18.10.199]
///       router: 198.18.10.1
/// </code>
/// </remarks>
internal static class HostConfigFile
{
    private static readonly string[] TopFields = ["dhcp"];
    private static readonly string[] DhcpFields = ["subnets"];

    // YAML name → DhcpSubnetOptions property, so the validator's "Subnets[i].Property" finds the YAML key again.
    private static readonly (string Yaml, string Property)[] SubnetFields =
    [
        ("network", "Network"), ("pools", "Pools"), ("router", "Router"), ("dns", "DnsServers"), ("domain", "DomainName"),
        ("search", "DomainSearch"), ("ntp", "NtpServers"), ("mtu", "Mtu"), ("routes", "ClasslessRoutes"), ("lease-time", "LeaseTime"),
    ];

    /// <summary>Reads <paramref name="text"/> (the content of <paramref name="fileName"/>) into subnets; false with every problem otherwise.</summary>
    public static bool TryParse(string text, string fileName, out IReadOnlyList<DhcpSubnetOptions> subnets, out IReadOnlyList<InventoryError> errors)
    {
        var problems = new List<InventoryError>();
        var result = new List<DhcpSubnetOptions>();
        var nodes = new List<YamlMappingNode>();
        subnets = result;
        errors = problems;
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            problems.Add(new InventoryError(fileName, ex.Start.Line, ex.Start.Column, "(syntax)", ex.InnerException?.Message ?? ex.Message));
            return false;
        }

        void Error(YamlNode node, string field, string message) =>
            problems.Add(new InventoryError(fileName, node.Start.Line, node.Start.Column, field, message));

        if (root is null || root is YamlScalarNode { Value: null or "" })
        {
            return true;
        }

        if (root is not YamlMappingNode top)
        {
            Error(root, "(root)", "the configuration must be a mapping with a 'dhcp' section.");
            return false;
        }

        foreach (var (key, value) in Mapping(top, "", TopFields, Error))
        {
            if (key == "dhcp" && value is YamlMappingNode dhcp)
            {
                foreach (var (dhcpKey, dhcpValue) in Mapping(dhcp, "dhcp", DhcpFields, Error))
                {
                    if (dhcpKey == "subnets")
                    {
                        ReadSubnets(dhcpValue, result, nodes, Error);
                    }
                }
            }
            else if (key == "dhcp")
            {
                Error(value, "dhcp", "expected a mapping with 'subnets'.");
            }
        }

        if (problems.Count == 0)
        {
            Validate(result, nodes, Error);
        }

        return problems.Count == 0;
    }

    private static void ReadSubnets(YamlNode node, List<DhcpSubnetOptions> subnets, List<YamlMappingNode> nodes, Action<YamlNode, string, string> error)
    {
        if (node is not YamlSequenceNode list)
        {
            error(node, "dhcp.subnets", "expected a list of subnets ('- network: 192.0.2.0/24').");
            return;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"dhcp.subnets[{i}]";
            if (list.Children[i] is not YamlMappingNode map)
            {
                error(list.Children[i], path, "expected a subnet mapping with network, pools, router, dns, ...");
                continue;
            }

            var subnet = new DhcpSubnetOptions();
            foreach (var (key, value) in Mapping(map, path, SubnetFields.Select(f => f.Yaml).ToArray(), error))
            {
                var field = $"{path}.{key}";
                switch (key)
                {
                    case "network": subnet.Network = Scalar(value, field, error) ?? ""; break;
                    case "router": subnet.Router = Scalar(value, field, error); break;
                    case "domain": subnet.DomainName = Scalar(value, field, error); break;
                    case "pools": AddAll(value, field, subnet.Pools, error); break;
                    case "dns": AddAll(value, field, subnet.DnsServers, error); break;
                    case "search": AddAll(value, field, subnet.DomainSearch, error); break;
                    case "ntp": AddAll(value, field, subnet.NtpServers, error); break;
                    case "routes": AddAll(value, field, subnet.ClasslessRoutes, error); break;
                    case "mtu":
                        if (int.TryParse(Scalar(value, field, error), System.Globalization.CultureInfo.InvariantCulture, out var mtu))
                        {
                            subnet.Mtu = mtu;
                        }
                        else
                        {
                            error(value, field, "expected a whole number of bytes, such as 1500 or 9000.");
                        }

                        break;
                    case "lease-time":
                        if (int.TryParse(Scalar(value, field, error), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                        {
                            subnet.LeaseTime = TimeSpan.FromSeconds(seconds);
                        }
                        else
                        {
                            error(value, field, "expected the lease time in seconds, such as 3600.");
                        }

                        break;
                }
            }

            if (string.IsNullOrEmpty(subnet.Network))
            {
                error(map, $"{path}.network", "'network' is required: the subnet in CIDR notation, such as 192.0.2.0/24.");
            }

            subnets.Add(subnet);
            nodes.Add(map);
        }
    }

    /// <summary>
    /// Runs the DHCP server's validator on the subnets alone and puts each of its findings at the YAML key it is
    /// about: <c>Subnets[1].DnsServers[0]: ...</c> becomes <c>FILE:LINE:COL: dhcp.subnets[1].dns[0]: ...</c>.
    /// </summary>
    private static void Validate(List<DhcpSubnetOptions> subnets, List<YamlMappingNode> nodes, Action<YamlNode, string, string> error)
    {
        var options = new DhcpServerOptions();
        options.Interfaces.Add(new DhcpInterfaceOptions { Name = "config-check", ServerAddress = "192.0.2.1" });
        foreach (var subnet in subnets)
        {
            options.Subnets.Add(subnet);
        }

        foreach (var finding in options.Validate())
        {
            if (!finding.StartsWith("Subnets[", StringComparison.Ordinal))
            {
                // About the stand-in interface, not the file (an interface outside every subnet is fine here).
                continue;
            }

            var close = finding.IndexOf(']', StringComparison.Ordinal);
            var colon = finding.IndexOf(": ", StringComparison.Ordinal);
            if (close < 0 || colon < 0 || !int.TryParse(finding.AsSpan(8, close - 8), System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= nodes.Count)
            {
                continue;
            }

            var rest = finding[(close + 1)..colon].TrimStart('.');
            var property = rest.Split('[')[0];
            var (yaml, node) = Locate(nodes[index], property);
            var field = $"dhcp.subnets[{index}]" + (yaml is null ? "" : "." + yaml + rest[property.Length..]);
            error(node, field, finding[(colon + 2)..]);
        }
    }

    private static (string? Yaml, YamlNode Node) Locate(YamlMappingNode subnet, string property)
    {
        var yaml = SubnetFields.FirstOrDefault(f => f.Property == property).Yaml;
        if (yaml is not null)
        {
            foreach (var (key, value) in subnet.Children)
            {
                if (key is YamlScalarNode { Value: var name } && name == yaml)
                {
                    return (yaml, value);
                }
            }
        }

        return (yaml, subnet);
    }

    private static IEnumerable<(string Key, YamlNode Value)> Mapping(YamlMappingNode map, string path, string[] known, Action<YamlNode, string, string> error)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var field = path.Length == 0 ? key : $"{path}.{key}";
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                error(keyNode, field, $"unknown field '{key}'; the fields here are {string.Join(", ", known)}.");
                continue;
            }

            yield return (key, value);
        }
    }

    private static string? Scalar(YamlNode node, string field, Action<YamlNode, string, string> error)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        error(node, field, node is YamlScalarNode ? "a value is required." : "expected a single value, not a list or mapping.");
        return null;
    }

    private static void AddAll(YamlNode node, string field, IList<string> target, Action<YamlNode, string, string> error)
    {
        if (node is YamlScalarNode)
        {
            // One value may stand alone: "dns: 192.0.2.53".
            if (Scalar(node, field, error) is { } single)
            {
                target.Add(single);
            }

            return;
        }

        if (node is not YamlSequenceNode list)
        {
            error(node, field, "expected a list of values, such as [192.0.2.53, 192.0.2.54].");
            return;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            if (Scalar(list.Children[i], $"{field}[{i}]", error) is { } value)
            {
                target.Add(value);
            }
        }
    }
}
