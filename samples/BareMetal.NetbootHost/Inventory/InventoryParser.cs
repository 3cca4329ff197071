using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BareMetal.Ipxe;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BareMetal.NetbootHost.Inventory;

/// <summary>
/// Reads the inventory (YAML, or JSON, which is YAML's flow syntax) into a validated
/// <see cref="InventorySnapshot"/>. Every problem is collected with its line, column and field path, so a
/// person fixes the whole file in one pass; nothing here throws on bad input.
/// </summary>
internal static partial class InventoryParser
{
    private static readonly string[] TopFields = ["profiles", "machines", "default-profile"];
    private static readonly string[] ProfileFields = ["name", "kernel", "initrds", "cmdline"];
    private static readonly string[] MachineFields = ["mac", "hostname", "ip", "profile", "workflow", "local-boot"];
    private static readonly string[] LocalBootFields = ["efi-volume", "efi-loader", "efi-args"];
    private static readonly string[] StreamImageFields = ["image", "target", "sha256"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="fileName"/> only labels errors.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="fileName">The name shown in errors.</param>
    /// <param name="subnet">When known, reservations must lie inside it.</param>
    /// <param name="snapshot">The inventory when there are no errors.</param>
    /// <param name="errors">Every problem found, empty on success.</param>
    public static bool TryParse(
        string text,
        string fileName,
        (IPAddress Network, int PrefixLength)? subnet,
        out InventorySnapshot snapshot,
        out IReadOnlyList<InventoryError> errors)
    {
        var context = new Context(fileName, subnet);
        snapshot = InventorySnapshot.Empty;
        YamlNode? root = null;
        try
        {
            // JSON may indent with tabs, which YAML forbids; outside strings a tab is only whitespace and
            // JSON strings cannot hold a raw tab, so replacing them keeps every value intact.
            var source = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? text.Replace('\t', ' ') : text;
            var stream = new YamlStream();
            stream.Load(new StringReader(source));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (stream.Documents.Count > 1)
            {
                context.Error(stream.Documents[1].RootNode, "(document)", "the inventory is one YAML document; remove the second '---' document.");
            }
        }
        catch (YamlException ex)
        {
            context.Error(ex.Start.Line, ex.Start.Column, "(syntax)", ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet fails on some malformed input this way instead of with a YamlException, and without a place
            // (content after a '...' end marker, a tab after '-', a tag that is not a URI such as "!!]").
            context.Error(0, 0, "(syntax)", $"the file is not valid YAML ({ex.Message}); the YAML reader cannot tell where. Check indentation (spaces, not tabs) and any '?', '!', '...' or '%' in the file.");
        }

        var profiles = new List<BootProfile>();
        var machines = new List<MachineSpec>();
        string? defaultProfile = null;
        YamlNode? defaultProfileNode = null;

        if (root is YamlMappingNode top)
        {
            foreach (var (key, value) in Fields(context, top, "", TopFields))
            {
                switch (key)
                {
                    case "profiles":
                        ReadProfiles(context, value, profiles);
                        break;
                    case "machines":
                        ReadMachines(context, value, machines);
                        break;
                    case "default-profile":
                        defaultProfile = context.Scalar(value, "default-profile");
                        defaultProfileNode = value;
                        break;
                }
            }
        }
        else if (root is not null && !(root is YamlScalarNode { Value: null or "" }))
        {
            context.Error(root, "(root)", "the inventory must be a mapping with 'profiles' and 'machines'.");
        }

        var profileNames = profiles.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (defaultProfile is not null && !profileNames.Contains(defaultProfile))
        {
            context.Error(defaultProfileNode!, "default-profile", $"no profile is named '{defaultProfile}'; name one of: {Names(profileNames)}.");
        }

        foreach (var (machine, node, index) in context.MachineProfileRefs)
        {
            if (!profileNames.Contains(machine))
            {
                context.Error(node, $"machines[{index}].profile", $"no profile is named '{machine}'; name one of: {Names(profileNames)}.");
            }
        }

        errors = context.Errors;
        if (errors.Count > 0)
        {
            return false;
        }

        snapshot = new InventorySnapshot(profiles, machines, defaultProfile, fileName, DateTimeOffset.UtcNow);
        return true;
    }

    private static string Names(HashSet<string> names) => names.Count == 0 ? "(no profiles are defined)" : string.Join(", ", names.Order(StringComparer.Ordinal));

    private static void ReadProfiles(Context context, YamlNode node, List<BootProfile> profiles)
    {
        if (node is not YamlSequenceNode list)
        {
            context.Error(node, "profiles", "expected a list of profiles ('- name: ...').");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"profiles[{i}]";
            if (list.Children[i] is not YamlMappingNode map)
            {
                context.Error(list.Children[i], path, "expected a profile mapping with name, kernel, initrds and cmdline.");
                continue;
            }

            string? name = null, kernel = null, cmdline = null;
            var initrds = new List<string>();
            foreach (var (key, value) in Fields(context, map, path, ProfileFields))
            {
                switch (key)
                {
                    case "name":
                        name = context.Scalar(value, path + ".name");
                        if (name is not null && !NamePattern().IsMatch(name))
                        {
                            context.Error(value, path + ".name", $"'{name}' is not a valid profile name; use letters, digits, '.', '_' and '-'.");
                            name = null;
                        }
                        else if (name is not null && !seen.Add(name))
                        {
                            context.Error(value, path + ".name", $"a profile named '{name}' is already defined; profile names must be unique.");
                        }

                        break;
                    case "kernel":
                        kernel = context.ImageReference(value, path + ".kernel");
                        break;
                    case "initrds":
                        ReadInitrds(context, value, path + ".initrds", initrds);
                        break;
                    case "cmdline":
                        cmdline = context.Scalar(value, path + ".cmdline", allowEmpty: true);
                        break;
                }
            }

            context.Require(map, name, path, "name");
            context.Require(map, kernel, path, "kernel");
            if (name is not null && kernel is not null)
            {
                profiles.Add(new BootProfile(name, kernel, initrds, cmdline ?? ""));
            }
        }
    }

    private static void ReadInitrds(Context context, YamlNode node, string path, List<string> initrds)
    {
        if (node is YamlScalarNode)
        {
            if (context.ImageReference(node, path) is { } single)
            {
                initrds.Add(single);
            }

            return;
        }

        if (node is not YamlSequenceNode list)
        {
            context.Error(node, path, "expected a list of image names, such as [initrd.gz].");
            return;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            if (context.ImageReference(list.Children[i], $"{path}[{i}]") is { } initrd)
            {
                initrds.Add(initrd);
            }
        }
    }

    private static void ReadMachines(Context context, YamlNode node, List<MachineSpec> machines)
    {
        if (node is not YamlSequenceNode list)
        {
            context.Error(node, "machines", "expected a list of machines ('- mac: ...').");
            return;
        }

        var macs = new Dictionary<MacAddress, int>();
        var ips = new Dictionary<IPAddress, int>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"machines[{i}]";
            if (list.Children[i] is not YamlMappingNode map)
            {
                context.Error(list.Children[i], path, "expected a machine mapping with mac, hostname, ip, profile and workflow.");
                continue;
            }

            MacAddress? mac = null;
            string? hostname = null, profile = null;
            IPAddress? ip = null;
            LocalBootSpec? localBoot = null;
            var workflow = new List<WorkflowAction>();
            foreach (var (key, value) in Fields(context, map, path, MachineFields))
            {
                switch (key)
                {
                    case "mac":
                        var macText = context.Scalar(value, path + ".mac");
                        if (macText is null)
                        {
                            break;
                        }

                        if (!MacText.TryParse(macText, out var parsed))
                        {
                            context.Error(value, path + ".mac", $"'{macText}' is not a MAC address; write six hex pairs such as 52:54:00:12:34:56.");
                        }
                        else if (macs.TryGetValue(parsed, out var first))
                        {
                            context.Error(value, path + ".mac", $"{parsed} is already listed as machines[{first}]; each MAC appears once.");
                        }
                        else
                        {
                            mac = parsed;
                            macs[parsed] = i;
                        }

                        break;
                    case "hostname":
                        hostname = context.Scalar(value, path + ".hostname");
                        if (hostname is not null && !HostnamePattern().IsMatch(hostname))
                        {
                            context.Error(value, path + ".hostname", $"'{hostname}' is not a valid host name (RFC 1123): use letters, digits and '-', labels of at most 63 characters separated by dots.");
                        }

                        break;
                    case "ip":
                        ip = ReadReservation(context, value, path + ".ip", ips, i);
                        break;
                    case "profile":
                        profile = context.Scalar(value, path + ".profile");
                        if (profile is not null)
                        {
                            context.MachineProfileRefs.Add((profile, value, i));
                        }

                        break;
                    case "workflow":
                        ReadWorkflow(context, value, path + ".workflow", workflow);
                        break;
                    case "local-boot":
                        localBoot = ReadLocalBoot(context, value, path + ".local-boot");
                        break;
                }
            }

            context.Require(map, mac, path, "mac");
            if (mac is not null)
            {
                machines.Add(new MachineSpec(mac.Value, hostname, ip, profile, workflow, localBoot));
            }
        }
    }

    private static IPAddress? ReadReservation(Context context, YamlNode value, string path, Dictionary<IPAddress, int> ips, int index)
    {
        var text = context.Scalar(value, path);
        if (text is null)
        {
            return null;
        }

        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
        {
            context.Error(value, path, $"'{text}' is not an IPv4 address; write four decimal numbers such as 192.0.2.50.");
            return null;
        }

        if (context.Subnet is { } subnet && !InSubnet(ip, subnet.Network, subnet.PrefixLength))
        {
            context.Error(value, path, $"{ip} is outside the served subnet {subnet.Network}/{subnet.PrefixLength}; reserve an address of that subnet.");
            return null;
        }

        if (ips.TryGetValue(ip, out var first))
        {
            context.Error(value, path, $"{ip} is already reserved for machines[{first}]; each reservation is unique.");
            return null;
        }

        ips[ip] = index;
        return ip;
    }

    /// <summary>True when <paramref name="ip"/> lies in network/prefix.</summary>
    public static bool InSubnet(IPAddress ip, IPAddress network, int prefixLength)
    {
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        var a = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
        var n = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(network.GetAddressBytes());
        return (a & mask) == (n & mask);
    }

    private static void ReadWorkflow(Context context, YamlNode node, string path, List<WorkflowAction> workflow)
    {
        if (node is not YamlSequenceNode list)
        {
            context.Error(node, path, "expected a list of actions such as '- stream-image: {...}' and '- report: installed'.");
            return;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (list.Children[i] is not YamlMappingNode { Children.Count: 1 } map)
            {
                context.Error(list.Children[i], itemPath, "each action is a mapping with one key: 'stream-image' or 'report'.");
                continue;
            }

            var (keyNode, value) = map.Children.First();
            var type = (keyNode as YamlScalarNode)?.Value;
            switch (type)
            {
                case WorkflowActionTypes.StreamImage:
                    ReadStreamImage(context, value, $"{itemPath}.stream-image", i, workflow);
                    break;
                case WorkflowActionTypes.Report:
                    var message = context.Scalar(value, $"{itemPath}.report");
                    if (message is not null)
                    {
                        workflow.Add(new WorkflowAction(i, WorkflowActionTypes.Report, null, null, null, message));
                    }

                    break;
                default:
                    context.Error(keyNode, itemPath, $"unknown action '{type}'; the agent knows 'stream-image' and 'report'.");
                    break;
            }
        }
    }

    private static void ReadStreamImage(Context context, YamlNode node, string path, int index, List<WorkflowAction> workflow)
    {
        if (node is not YamlMappingNode map)
        {
            context.Error(node, path, "expected { image: NAME, target: /dev/DISK, sha256: HEX }.");
            return;
        }

        string? image = null, target = null, sha256 = null;
        foreach (var (key, value) in Fields(context, map, path, StreamImageFields))
        {
            switch (key)
            {
                case "image":
                    image = context.ImageReference(value, path + ".image");
                    break;
                case "target":
                    target = context.Scalar(value, path + ".target");
                    if (target is not null && (!target.StartsWith('/') || target.Any(char.IsWhiteSpace)))
                    {
                        context.Error(value, path + ".target", $"'{target}' is not an absolute device path; write one such as /dev/vda.");
                        target = null;
                    }

                    break;
                case "sha256":
                    sha256 = context.Scalar(value, path + ".sha256")?.ToLowerInvariant();
                    if (sha256 is not null && !Sha256Pattern().IsMatch(sha256))
                    {
                        context.Error(value, path + ".sha256", "expected 64 hex digits (the SHA-256 of the bytes written to the disk, after decompression).");
                        sha256 = null;
                    }

                    break;
            }
        }

        context.Require(map, image, path, "image");
        context.Require(map, target, path, "target");
        if (image is not null && target is not null)
        {
            workflow.Add(new WorkflowAction(index, WorkflowActionTypes.StreamImage, image, target, sha256, null));
        }
    }

    /// <summary>
    /// Reads <c>local-boot: { efi-volume: LABEL, efi-loader: /EFI/BOOT/BOOTX64.EFI, efi-args: "..." }</c>: how an
    /// installed EFI machine's script starts the loader on its disk (see <see cref="LocalBootSpec"/>).
    /// </summary>
    private static LocalBootSpec? ReadLocalBoot(Context context, YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            context.Error(node, path, "expected { efi-volume: LABEL } (the FAT label of the installed EFI System Partition), optionally with efi-loader and efi-args.");
            return null;
        }

        string? volume = null, loader = null, arguments = null;
        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in Fields(context, map, path, LocalBootFields))
        {
            nodes[key] = value;
            var text = context.Scalar(value, $"{path}.{key}");
            switch (key)
            {
                case "efi-volume":
                    volume = text;
                    break;
                case "efi-loader":
                    loader = text;
                    break;
                case "efi-args":
                    arguments = text;
                    break;
            }
        }

        context.Require(map, volume, path, "efi-volume");
        if (volume is null)
        {
            return null;
        }

        var spec = new LocalBootSpec { EfiVolumeLabel = volume, EfiLoaderPath = loader ?? LocalBootSpec.X64RemovableMediaPath, EfiLoaderArguments = arguments };
        try
        {
            // The script writer is the validator: whatever it refuses here could never reach a machine.
            IpxeScripts.WriteLocalBoot(new System.Buffers.ArrayBufferWriter<byte>(), IpxePlatform.Efi, null, spec);
            return spec;
        }
        catch (ArgumentException ex)
        {
            var field = ex.ParamName switch
            {
                nameof(LocalBootSpec.EfiLoaderPath) => "efi-loader",
                nameof(LocalBootSpec.EfiLoaderArguments) => "efi-args",
                _ => "efi-volume",
            };
            context.Error(nodes.GetValueOrDefault(field) ?? map, $"{path}.{field}", ex.Message);
            return null;
        }
    }

    private static IEnumerable<(string Key, YamlNode Value)> Fields(Context context, YamlMappingNode map, string path, string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var fieldPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                context.Error(keyNode, fieldPath, $"unknown field '{key}'; expected one of: {string.Join(", ", allowed)}.");
                continue;
            }

            if (!seen.Add(key))
            {
                context.Error(keyNode, fieldPath, $"'{key}' is given twice; keep one.");
                continue;
            }

            yield return (key, value);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    /// <summary>Whether <paramref name="name"/> is a host or domain name by RFC 1123 §2.1 (letters, digits, '-'; 63 per label, 253 in all).</summary>
    public static bool IsHostName(string name) => HostnamePattern().IsMatch(name);

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    private sealed class Context(string file, (IPAddress Network, int PrefixLength)? subnet)
    {
        public (IPAddress Network, int PrefixLength)? Subnet { get; } = subnet;

        public List<InventoryError> Errors { get; } = [];

        public List<(string Profile, YamlNode Node, int Index)> MachineProfileRefs { get; } = [];

        public void Error(long line, long column, string field, string message) =>
            Errors.Add(new InventoryError(file, line, column, field, message));

        public void Error(YamlNode node, string field, string message) =>
            Error(node.Start.Line, node.Start.Column, field, message);

        public void Require(YamlMappingNode map, object? value, string path, string field)
        {
            if (value is null && !map.Children.Keys.Any(k => k is YamlScalarNode { Value: var v } && v == field))
            {
                Error(map, $"{path}.{field}", $"'{field}' is required.");
            }
        }

        public string? Scalar(YamlNode node, string field, bool allowEmpty = false)
        {
            if (node is not YamlScalarNode scalar)
            {
                Error(node, field, "expected a single value, not a list or mapping.");
                return null;
            }

            if (string.IsNullOrWhiteSpace(scalar.Value) && !allowEmpty)
            {
                Error(node, field, "a value is required.");
                return null;
            }

            return scalar.Value ?? "";
        }

        /// <summary>A name under --images (no absolute path, no '..') or an http(s) URL.</summary>
        public string? ImageReference(YamlNode node, string field)
        {
            var text = Scalar(node, field);
            if (text is null)
            {
                return null;
            }

            if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out _) || text.Any(char.IsWhiteSpace))
                {
                    Error(node, field, $"'{text}' is not a valid URL.");
                    return null;
                }

                return text;
            }

            if (text.StartsWith('/') || text.Contains('\\', StringComparison.Ordinal) || text.Split('/').Any(s => s is ".." or "." or "")
                || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                Error(node, field, $"'{text}' must be a file name under --images (such as vmlinuz or debian/initrd.gz, no '..') or an http(s) URL.");
                return null;
            }

            return text;
        }
    }
}
