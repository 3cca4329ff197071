using System.Net;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.Host.Tests.Inventory;

/// <summary>
/// Every way InventoryParser refuses an inventory, one row each: the error names the file, the line (and column)
/// a person has to look at, the field path, and says how to fix it. The parser itself, in this process.
/// </summary>
public sealed class InventoryParserErrorTests
{
    private const string File = "inventory.yaml";

    /// <summary>The subnet the rows with a reservation are checked against.</summary>
    private static readonly (IPAddress, int) Subnet = (IPAddress.Parse("192.0.2.0"), 24);

    private const string Profile = "profiles:\n  - name: live\n    kernel: vmlinuz\n";

    public static TheoryData<string, string, int, string, string> Rows => new()
    {
        // Whole file.
        { "syntax", "machines: [\n  - mac: 52:54:00:12:34:56\n", 2, "(syntax)", "While parsing a node, did not find expected node content." },
        // YamlDotNet refuses a key given twice before the parser's own check ("'KEY' is given twice; keep one.") sees it.
        { "key twice", "machines:\n  - mac: 52:54:00:12:34:56\n    hostname: a\n    hostname: b\n", 4, "(syntax)", "Duplicate key hostname" },
        { "second document", "machines: []\n---\nmachines: []\n", 3, "(document)", "the inventory is one YAML document; remove the second '---' document." },
        { "root is a list", "- mac: 52:54:00:12:34:56\n", 1, "(root)", "the inventory must be a mapping with 'profiles' and 'machines'." },
        { "unknown top field", "machine: []\n", 1, "machine", "unknown field 'machine'; expected one of: profiles, machines, default-profile." },
        { "default profile unknown", Profile + "default-profile: rescue\n", 4, "default-profile", "no profile is named 'rescue'; name one of: live." },
        { "default profile, no profiles", "default-profile: rescue\n", 1, "default-profile", "no profile is named 'rescue'; name one of: (no profiles are defined)." },

        // Profiles.
        { "profiles not a list", "profiles: live\n", 1, "profiles", "expected a list of profiles ('- name: ...')." },
        { "profile not a mapping", "profiles:\n  - live\n", 2, "profiles[0]", "expected a profile mapping with name, kernel, initrds and cmdline." },
        { "profile name invalid", "profiles:\n  - name: live system\n    kernel: vmlinuz\n", 2, "profiles[0].name", "'live system' is not a valid profile name; use letters, digits, '.', '_' and '-'." },
        { "profile name twice", Profile + "  - name: live\n    kernel: vmlinuz\n", 4, "profiles[1].name", "a profile named 'live' is already defined; profile names must be unique." },
        { "profile without name", "profiles:\n  - kernel: vmlinuz\n", 2, "profiles[0].name", "'name' is required." },
        { "profile without kernel", "profiles:\n  - name: live\n", 2, "profiles[0].kernel", "'kernel' is required." },
        { "profile field unknown", Profile + "    append: quiet\n", 4, "profiles[0].append", "unknown field 'append'; expected one of: name, kernel, initrds, cmdline." },
        { "kernel absolute path", "profiles:\n  - name: live\n    kernel: /boot/vmlinuz\n", 3, "profiles[0].kernel", "'/boot/vmlinuz' must be a file name under --images (such as vmlinuz or debian/initrd.gz, no '..') or an http(s) URL." },
        { "kernel climbs out", "profiles:\n  - name: live\n    kernel: ../etc/shadow\n", 3, "profiles[0].kernel", "'../etc/shadow' must be a file name under --images" },
        { "kernel bad URL", "profiles:\n  - name: live\n    kernel: http://[::1\n", 3, "profiles[0].kernel", "'http://[::1' is not a valid URL." },
        { "kernel is a list", "profiles:\n  - name: live\n    kernel: [a, b]\n", 3, "profiles[0].kernel", "expected a single value, not a list or mapping." },
        { "kernel empty", "profiles:\n  - name: live\n    kernel: ''\n", 3, "profiles[0].kernel", "a value is required." },
        { "initrds a mapping", Profile + "    initrds: { a: b }\n", 4, "profiles[0].initrds", "expected a list of image names, such as [initrd.gz]." },
        { "initrd climbs out", Profile + "    initrds: [ok.gz, ../x]\n", 4, "profiles[0].initrds[1]", "'../x' must be a file name under --images" },

        // Machines.
        { "machines not a list", "machines: { mac: 52:54:00:12:34:56 }\n", 1, "machines", "expected a list of machines ('- mac: ...')." },
        { "machine not a mapping", "machines:\n  - 52:54:00:12:34:56\n", 2, "machines[0]", "expected a machine mapping with mac, hostname, ip, profile and workflow." },
        { "machine without mac", "machines:\n  - hostname: node1\n", 2, "machines[0].mac", "'mac' is required." },
        { "mac invalid", "machines:\n  - mac: 52:54:zz\n", 2, "machines[0].mac", "'52:54:zz' is not a MAC address; write six hex pairs such as 52:54:00:12:34:56." },
        { "mac twice", "machines:\n  - mac: 52:54:00:12:34:56\n  - mac: 52-54-00-12-34-56\n", 3, "machines[1].mac", "52:54:00:12:34:56 is already listed as machines[0]; each MAC appears once." },
        { "hostname invalid", "machines:\n  - mac: 52:54:00:12:34:56\n    hostname: node_1\n", 3, "machines[0].hostname", "'node_1' is not a valid host name (RFC 1123): use letters, digits and '-', labels of at most 63 characters separated by dots." },
        { "ip invalid", "machines:\n  - mac: 52:54:00:12:34:56\n    ip: 192.0.2.300\n", 3, "machines[0].ip", "'192.0.2.300' is not an IPv4 address; write four decimal numbers such as 192.0.2.50." },
        { "ip short form", "machines:\n  - mac: 52:54:00:12:34:56\n    ip: 192.2\n", 3, "machines[0].ip", "'192.2' is not an IPv4 address; write four decimal numbers such as 192.0.2.50." },
        { "ip outside subnet", "machines:\n  - mac: 52:54:00:12:34:56\n    ip: 198.51.100.7\n", 3, "machines[0].ip", "198.51.100.7 is outside the served subnet 192.0.2.0/24; reserve an address of that subnet." },
        { "ip twice", "machines:\n  - mac: 52:54:00:12:34:56\n    ip: 192.0.2.50\n  - mac: 52:54:00:12:34:57\n    ip: 192.0.2.50\n", 5, "machines[1].ip", "192.0.2.50 is already reserved for machines[0]; each reservation is unique." },
        { "profile unknown", Profile + "machines:\n  - mac: 52:54:00:12:34:56\n    profile: rescue\n", 6, "machines[0].profile", "no profile is named 'rescue'; name one of: live." },
        { "machine field unknown", "machines:\n  - mac: 52:54:00:12:34:56\n    colour: blue\n", 3, "machines[0].colour", "unknown field 'colour'; expected one of: mac, hostname, ip, profile, workflow, local-boot." },

        // Workflows.
        { "workflow not a list", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow: install\n", 3, "machines[0].workflow", "expected a list of actions such as '- stream-image: {...}' and '- report: installed'." },
        { "action with two keys", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - { report: a, stream-image: b }\n", 4, "machines[0].workflow[0]", "each action is a mapping with one key: 'stream-image' or 'report'." },
        { "action unknown", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - reboot: now\n", 4, "machines[0].workflow[0]", "unknown action 'reboot'; the agent knows 'stream-image' and 'report'." },
        { "report empty", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - report:\n", 4, "machines[0].workflow[0].report", "a value is required." },
        { "stream-image not a mapping", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - stream-image: disk.raw\n", 4, "machines[0].workflow[0].stream-image", "expected { image: NAME, target: /dev/DISK, sha256: HEX }." },
        { "stream-image without image", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - stream-image: { target: /dev/vda }\n", 4, "machines[0].workflow[0].stream-image.image", "'image' is required." },
        { "stream-image without target", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - stream-image: { image: disk.raw }\n", 4, "machines[0].workflow[0].stream-image.target", "'target' is required." },
        { "target relative", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - stream-image: { image: disk.raw, target: vda }\n", 4, "machines[0].workflow[0].stream-image.target", "'vda' is not an absolute device path; write one such as /dev/vda." },
        { "sha256 short", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - stream-image: { image: disk.raw, target: /dev/vda, sha256: abc }\n", 4, "machines[0].workflow[0].stream-image.sha256", "expected 64 hex digits (the SHA-256 of the bytes written to the disk, after decompression)." },
        { "stream-image field unknown", "machines:\n  - mac: 52:54:00:12:34:56\n    workflow:\n      - stream-image: { image: disk.raw, target: /dev/vda, size: 1 }\n", 4, "machines[0].workflow[0].stream-image.size", "unknown field 'size'; expected one of: image, target, sha256." },

        // Local boot (EFI).
        { "local-boot not a mapping", "machines:\n  - mac: 52:54:00:12:34:56\n    local-boot: BAREMETAL\n", 3, "machines[0].local-boot", "expected { efi-volume: LABEL } (the FAT label of the installed EFI System Partition), optionally with efi-loader and efi-args." },
        { "local-boot without volume", "machines:\n  - mac: 52:54:00:12:34:56\n    local-boot: { efi-args: quiet }\n", 3, "machines[0].local-boot.efi-volume", "'efi-volume' is required." },
        { "efi-volume unusable", "machines:\n  - mac: 52:54:00:12:34:56\n    local-boot:\n      efi-volume: MY INSTALLED DISK\n", 4, "machines[0].local-boot.efi-volume", "mkfs.vfat -n" },
        { "efi-loader climbs out", "machines:\n  - mac: 52:54:00:12:34:56\n    local-boot:\n      efi-volume: ROOT\n      efi-loader: /EFI/../x.efi\n", 5, "machines[0].local-boot.efi-loader", "give an absolute path of letters, digits, '/', '.', '-' and '_' without '..', e.g. /EFI/BOOT/BOOTX64.EFI." },
        { "efi-args start with a dash", "machines:\n  - mac: 52:54:00:12:34:56\n    local-boot:\n      efi-volume: ROOT\n      efi-args: -x quiet\n", 5, "machines[0].local-boot.efi-args", "'-x' cannot be written as an iPXE argument: the value starts with '-' where iPXE parses options" },
        { "local-boot field unknown", "machines:\n  - mac: 52:54:00:12:34:56\n    local-boot: { efi-volume: BAREMETAL, bios-drive: 0x80 }\n", 3, "machines[0].local-boot.bios-drive", "unknown field 'bios-drive'; expected one of: efi-volume, efi-loader, efi-args." },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void TryParse_Refuses_NamingFileLineFieldAndFix(string why, string text, int line, string field, string message)
    {
        var parsed = InventoryParser.TryParse(text, File, Subnet, out var snapshot, out var errors);

        Assert.False(parsed, why);
        Assert.Same(InventorySnapshot.Empty, snapshot);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(File, error.File);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0, $"{why}: no column in {error}");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{File}:{line}:{error.Column}: {field}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("...\t- ?")]
    [InlineData("-\t[\n>:")]
    [InlineData("-\t:")]
    [InlineData("!!]")]
    public void TryParse_YamlTheReaderCannotPlace_IsOneWholeFileSyntaxError(string text)
    {
        // YamlDotNet throws InvalidOperationException or ArgumentException, without a position, on these.
        Assert.False(InventoryParser.TryParse(text, File, Subnet, out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal(File, error.File);
        Assert.Equal(0, error.Line);
        Assert.Equal("(syntax)", error.Field);
        Assert.StartsWith("the file is not valid YAML (", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check indentation (spaces, not tabs)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("inventory.yaml: (syntax): the file is not valid YAML", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ManyProblems_ReportsEachWithLineColumnAndField()
    {
        // The file the separate-process test starts the host with (CommandLineTests): every problem in one pass.
        const string text = """
            profiles:
              - name: live
                kernel: vmlinuz
            machines:
              - mac: 52:54:00:12:34:56
                profile: missing
              - mac: 52:54:00:12:34:57
                ip: 192.0.2.300
                colour: blue
            """;

        Assert.False(InventoryParser.TryParse(text, File, null, out _, out var errors));

        Assert.Equal(
            [
                "inventory.yaml:8:9: machines[1].ip: '192.0.2.300' is not an IPv4 address; write four decimal numbers such as 192.0.2.50.",
                "inventory.yaml:9:5: machines[1].colour: unknown field 'colour'; expected one of: mac, hostname, ip, profile, workflow, local-boot.",
                "inventory.yaml:6:14: machines[0].profile: no profile is named 'missing'; name one of: live.",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TryParse_JsonFileName_NamesThatFileInErrors()
    {
        Assert.False(InventoryParser.TryParse("{ \"machines\": [ { \"mac\": \"nope\" } ] }", "rack.json", null, out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal("rack.json", error.File);
        Assert.Equal("machines[0].mac", error.Field);
        Assert.StartsWith("rack.json:1:", error.ToString(), StringComparison.Ordinal);
    }
}
