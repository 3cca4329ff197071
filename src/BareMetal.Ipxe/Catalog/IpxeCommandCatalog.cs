using System.Collections.Frozen;

namespace BareMetal.Ipxe;

/// <summary>
/// Every command iPXE defines, with its options and argument counts as its <c>COMMAND_DESC</c> and
/// <c>OPTION_DESC</c> declare them, and the build option that brings it in. Complete against iPXE master
/// <c>0ab2277c40f1de56c736b9e7db7ee23d52509ec5</c> (2026-08-21): every <c>COMMAND(...)</c> in
/// <c>src/hci/commands/</c>, <c>src/arch/*/hci/commands/</c>, <c>src/crypto/mishmash/cmd_*.c</c>,
/// <c>src/core/exec.c</c>, <c>src/image/script.c</c> and <c>src/hci/shell.c</c>. A given build contains only
/// the commands it was configured with (<see cref="IpxeCommandDefinition.BuildOption"/>,
/// <see cref="IpxeCommandDefinition.Availability"/>); older builds lack some commands and options (for
/// example <c>imgset</c>, <c>choose --retimeout</c>, <c>item --secret</c>, <c>reboot --setup</c>).
/// </summary>
public static class IpxeCommandCatalog
{
    private static readonly IpxeCommandDefinition[] Definitions =
    [
        new("imgfetch", IpxeCommandKind.Imgfetch, 1, IpxeCommandDefinition.Unlimited, "<uri> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("module", IpxeCommandKind.Module, 1, IpxeCommandDefinition.Unlimited, "<uri> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("initrd", IpxeCommandKind.Initrd, 1, IpxeCommandDefinition.Unlimited, "<uri> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("imgselect", IpxeCommandKind.Imgselect, 1, IpxeCommandDefinition.Unlimited, "<uri|image> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("imgload", IpxeCommandKind.Imgload, 1, IpxeCommandDefinition.Unlimited, "<uri|image> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("kernel", IpxeCommandKind.Kernel, 1, IpxeCommandDefinition.Unlimited, "<uri|image> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("imgexec", IpxeCommandKind.Imgexec, 0, IpxeCommandDefinition.Unlimited, "[<uri|image> [<arguments>...]]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a'), IpxeOptionDefinition.Flag("replace", 'r')]),
        new("chain", IpxeCommandKind.Chain, 0, IpxeCommandDefinition.Unlimited, "[<uri|image> [<arguments>...]]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a'), IpxeOptionDefinition.Flag("replace", 'r')]),
        new("boot", IpxeCommandKind.Boot, 0, IpxeCommandDefinition.Unlimited, "[<uri|image> [<arguments>...]]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a'), IpxeOptionDefinition.Flag("replace", 'r')]),
        new("imgargs", IpxeCommandKind.Imgargs, 1, IpxeCommandDefinition.Unlimited, "<uri|image> [<arguments>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("autofree", 'a')]),
        new("imgstat", IpxeCommandKind.Imgstat, 0, IpxeCommandDefinition.Unlimited, "[<image>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, []),
        new("imgfree", IpxeCommandKind.Imgfree, 0, IpxeCommandDefinition.Unlimited, "[<image>...]", "src/hci/commands/image_cmd.c", "IMAGE_CMD", IpxeCommandAvailability.Default, []),
        new("imgverify", IpxeCommandKind.Imgverify, 2, 2, "<uri|image> <signature uri|image>", "src/hci/commands/image_trust_cmd.c", "IMAGE_TRUST_CMD", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Value("signer", 's', IpxeValueKind.String), IpxeOptionDefinition.Flag("keep", 'k'), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("imgtrust", IpxeCommandKind.Imgtrust, 0, 0, "", "src/hci/commands/image_trust_cmd.c", "IMAGE_TRUST_CMD", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Flag("allow", 'a'), IpxeOptionDefinition.Flag("permanent", 'p')]),
        new("imgextract", IpxeCommandKind.Imgextract, 1, 1, "<uri|image>", "src/hci/commands/image_archive_cmd.c", "IMAGE_ARCHIVE_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Flag("keep", 'k'), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("imgdecrypt", IpxeCommandKind.Imgdecrypt, 2, 2, "<uri|image> <key uri|image>", "src/hci/commands/image_crypt_cmd.c", "IMAGE_CRYPT_CMD", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Flag("keep", 'k'), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("imgmem", IpxeCommandKind.Imgmem, 2, 2, "<address> <length>", "src/hci/commands/image_mem_cmd.c", "IMAGE_MEM_CMD", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String)]),
        new("show", IpxeCommandKind.Show, 1, 1, "<setting>", "src/hci/commands/nvo_cmd.c", "NVO_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("set", IpxeCommandKind.Set, 1, IpxeCommandDefinition.Unlimited, "<setting> <value>", "src/hci/commands/nvo_cmd.c", "NVO_CMD", IpxeCommandAvailability.Default, []),
        new("clear", IpxeCommandKind.Clear, 1, 1, "<setting>", "src/hci/commands/nvo_cmd.c", "NVO_CMD", IpxeCommandAvailability.Default, []),
        new("read", IpxeCommandKind.Read, 1, 1, "<setting>", "src/hci/commands/nvo_cmd.c", "NVO_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout)]),
        new("inc", IpxeCommandKind.Inc, 1, 2, "<setting> [<increment>]", "src/hci/commands/nvo_cmd.c", "NVO_CMD", IpxeCommandAvailability.Default, []),
        new("goto", IpxeCommandKind.Goto, 1, 1, "<label>", "src/image/script.c", "IMAGE_SCRIPT", IpxeCommandAvailability.Always, []),
        new("prompt", IpxeCommandKind.Prompt, 0, IpxeCommandDefinition.Unlimited, "[<text>]", "src/image/script.c", "IMAGE_SCRIPT", IpxeCommandAvailability.Always, [IpxeOptionDefinition.Value("key", 'k', IpxeValueKind.Key), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout)]),
        new("echo", IpxeCommandKind.Echo, 0, IpxeCommandDefinition.Unlimited, "[...]", "src/core/exec.c", null, IpxeCommandAvailability.Always, [IpxeOptionDefinition.Flag("n", 'n')]),
        new("exit", IpxeCommandKind.Exit, 0, 1, "[<status>]", "src/core/exec.c", null, IpxeCommandAvailability.Always, []),
        new("isset", IpxeCommandKind.Isset, 1, 1, "<value>", "src/core/exec.c", null, IpxeCommandAvailability.Always, []),
        new("iseq", IpxeCommandKind.Iseq, 2, 2, "<value1> <value2>", "src/core/exec.c", null, IpxeCommandAvailability.Always, []),
        new("sleep", IpxeCommandKind.Sleep, 1, 1, "<seconds>", "src/core/exec.c", null, IpxeCommandAvailability.Always, []),
        new("shell", IpxeCommandKind.Shell, 0, 0, "", "src/hci/shell.c", "SHELL_CMD", IpxeCommandAvailability.Always, []),
        new("help", IpxeCommandKind.Help, 0, IpxeCommandDefinition.Unlimited, "", "src/hci/shell.c", "SHELL_CMD", IpxeCommandAvailability.Always, []),
        new("ifopen", IpxeCommandKind.Ifopen, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/ifmgmt_cmd.c", "IFMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("ifclose", IpxeCommandKind.Ifclose, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/ifmgmt_cmd.c", "IFMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("ifstat", IpxeCommandKind.Ifstat, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/ifmgmt_cmd.c", "IFMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("ifconf", IpxeCommandKind.Ifconf, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/ifmgmt_cmd.c", "IFMGMT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("configurator", 'c', IpxeValueKind.Configurator), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout)]),
        new("dhcp", IpxeCommandKind.Dhcp, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/dhcp_cmd.c", "DHCP_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("configurator", 'c', IpxeValueKind.Configurator), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout)]),
        new("iflinkwait", IpxeCommandKind.Iflinkwait, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/ifmgmt_cmd.c", "IFMGMT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout)]),
        new("autoboot", IpxeCommandKind.Autoboot, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/autoboot_cmd.c", "AUTOBOOT_CMD", IpxeCommandAvailability.Default, []),
        new("pxebs", IpxeCommandKind.Pxebs, 2, 2, "<interface> <server type>", "src/hci/commands/dhcp_cmd.c", "DHCP_CMD", IpxeCommandAvailability.Default, []),
        new("menu", IpxeCommandKind.Menu, 0, IpxeCommandDefinition.Unlimited, "[<title>]", "src/hci/commands/dynui_cmd.c", "MENU_CMD|FORM_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Flag("delete", 'd')]),
        new("form", IpxeCommandKind.Form, 0, IpxeCommandDefinition.Unlimited, "[<title>]", "src/hci/commands/dynui_cmd.c", "MENU_CMD|FORM_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Flag("delete", 'd')]),
        new("item", IpxeCommandKind.Item, 0, IpxeCommandDefinition.Unlimited, "[<name> [<text>]]", "src/hci/commands/dynui_cmd.c", "MENU_CMD|FORM_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("menu", 'm', IpxeValueKind.Menu), IpxeOptionDefinition.Value("form", 'f', IpxeValueKind.Menu), IpxeOptionDefinition.Value("key", 'k', IpxeValueKind.Key), IpxeOptionDefinition.Flag("default", 'd'), IpxeOptionDefinition.Flag("secret", 's'), IpxeOptionDefinition.Flag("gap", 'g')]),
        new("choose", IpxeCommandKind.Choose, 1, 1, "<setting>", "src/hci/commands/dynui_cmd.c", "MENU_CMD|FORM_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("menu", 'm', IpxeValueKind.Menu), IpxeOptionDefinition.Value("default", 'd', IpxeValueKind.String), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Value("retimeout", 'r', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("keep", 'k')]),
        new("present", IpxeCommandKind.Present, 0, 0, "", "src/hci/commands/dynui_cmd.c", "MENU_CMD|FORM_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("form", 'f', IpxeValueKind.Menu), IpxeOptionDefinition.Flag("keep", 'k')]),
        new("sanboot", IpxeCommandKind.Sanboot, 0, IpxeCommandDefinition.Unlimited, "[<root-path>...]", "src/hci/commands/sanboot_cmd.c", "SANBOOT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("drive", 'd', IpxeValueKind.Integer), IpxeOptionDefinition.Flag("no-describe", 'n'), IpxeOptionDefinition.Flag("keep", 'k'), IpxeOptionDefinition.Value("filename", 'f', IpxeValueKind.String), IpxeOptionDefinition.Value("extra", 'e', IpxeValueKind.String), IpxeOptionDefinition.Value("label", 'l', IpxeValueKind.String), IpxeOptionDefinition.Value("uuid", 'u', IpxeValueKind.Uuid)]),
        new("sanhook", IpxeCommandKind.Sanhook, 1, IpxeCommandDefinition.Unlimited, "<root-path>...", "src/hci/commands/sanboot_cmd.c", "SANBOOT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("drive", 'd', IpxeValueKind.Integer), IpxeOptionDefinition.Flag("no-describe", 'n')]),
        new("sanunhook", IpxeCommandKind.Sanunhook, 0, 0, "", "src/hci/commands/sanboot_cmd.c", "SANBOOT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("drive", 'd', IpxeValueKind.Integer)]),
        new("login", IpxeCommandKind.Login, 0, 0, "", "src/hci/commands/login_cmd.c", "LOGIN_CMD", IpxeCommandAvailability.Default, []),
        new("params", IpxeCommandKind.Params, 0, 0, "", "src/hci/commands/param_cmd.c", "PARAM_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("name", 'n', IpxeValueKind.String), IpxeOptionDefinition.Value("method", 'm', IpxeValueKind.String), IpxeOptionDefinition.Flag("delete", 'd')]),
        new("param", IpxeCommandKind.Param, 1, IpxeCommandDefinition.Unlimited, "<key> [<value>]", "src/hci/commands/param_cmd.c", "PARAM_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("params", 'p', IpxeValueKind.Parameters), IpxeOptionDefinition.Flag("header", 'H')]),
        new("ntp", IpxeCommandKind.Ntp, 1, 1, "<server>", "src/hci/commands/ntp_cmd.c", "NTP_CMD", IpxeCommandAvailability.DefaultExceptBios, []),
        new("console", IpxeCommandKind.Console, 0, 0, "", "src/hci/commands/console_cmd.c", "CONSOLE_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("x", 'x', IpxeValueKind.Integer), IpxeOptionDefinition.Value("y", 'y', IpxeValueKind.Integer), IpxeOptionDefinition.Value("left", 'l', IpxeValueKind.Integer), IpxeOptionDefinition.Value("right", 'r', IpxeValueKind.Integer), IpxeOptionDefinition.Value("top", 't', IpxeValueKind.Integer), IpxeOptionDefinition.Value("bottom", 'b', IpxeValueKind.Integer), IpxeOptionDefinition.Value("depth", 'd', IpxeValueKind.Integer), IpxeOptionDefinition.Value("picture", 'p', IpxeValueKind.String), IpxeOptionDefinition.Flag("keep", 'k')]),
        new("colour", IpxeCommandKind.Colour, 1, 1, "<colour>", "src/hci/commands/console_cmd.c", "CONSOLE_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("basic", 'b', IpxeValueKind.Integer), IpxeOptionDefinition.Value("rgb", 'r', IpxeValueKind.Integer)]),
        new("cpair", IpxeCommandKind.Cpair, 1, 1, "<cpair>", "src/hci/commands/console_cmd.c", "CONSOLE_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("foreground", 'f', IpxeValueKind.Integer), IpxeOptionDefinition.Value("background", 'b', IpxeValueKind.Integer)]),
        new("reboot", IpxeCommandKind.Reboot, 0, 0, "", "src/hci/commands/reboot_cmd.c", "REBOOT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Flag("warm", 'w'), IpxeOptionDefinition.Flag("setup", 's')]),
        new("poweroff", IpxeCommandKind.Poweroff, 0, 0, "", "src/hci/commands/poweroff_cmd.c", "POWEROFF_CMD", IpxeCommandAvailability.Default, []),
        new("config", IpxeCommandKind.Config, 0, 1, "[<scope>]", "src/hci/commands/config_cmd.c", "CONFIG_CMD", IpxeCommandAvailability.Default, []),
        new("nslookup", IpxeCommandKind.Nslookup, 2, 2, "<setting> <name>", "src/hci/commands/nslookup_cmd.c", "NSLOOKUP_CMD", IpxeCommandAvailability.Optional, []),
        new("ping", IpxeCommandKind.Ping, 1, 1, "<host>", "src/hci/commands/ping_cmd.c", "PING_CMD", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Value("size", 's', IpxeValueKind.Integer), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Value("count", 'c', IpxeValueKind.Integer), IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("route", IpxeCommandKind.Route, 0, 0, "", "src/hci/commands/route_cmd.c", "ROUTE_CMD", IpxeCommandAvailability.Default, []),
        new("ipstat", IpxeCommandKind.Ipstat, 0, 0, "", "src/hci/commands/ipstat_cmd.c", "IPSTAT_CMD", IpxeCommandAvailability.Optional, []),
        new("nstat", IpxeCommandKind.Nstat, 0, 0, "", "src/hci/commands/neighbour_cmd.c", "NEIGHBOUR_CMD", IpxeCommandAvailability.Optional, []),
        new("vcreate", IpxeCommandKind.Vcreate, 1, 1, "<trunk interface>", "src/hci/commands/vlan_cmd.c", "VLAN_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("tag", 't', IpxeValueKind.Integer), IpxeOptionDefinition.Value("priority", 'p', IpxeValueKind.Integer)]),
        new("vdestroy", IpxeCommandKind.Vdestroy, 1, 1, "<interface>", "src/hci/commands/vlan_cmd.c", "VLAN_CMD", IpxeCommandAvailability.DefaultExceptBios, []),
        new("time", IpxeCommandKind.Time, 1, IpxeCommandDefinition.Unlimited, "<command>", "src/hci/commands/time_cmd.c", "TIME_CMD", IpxeCommandAvailability.Optional, []),
        new("md5sum", IpxeCommandKind.Md5sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/hci/commands/digest_cmd.c", "DIGEST_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
        new("sha1sum", IpxeCommandKind.Sha1sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/hci/commands/digest_cmd.c", "DIGEST_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
        new("certstat", IpxeCommandKind.Certstat, 0, 0, "", "src/hci/commands/cert_cmd.c", "CERT_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("subject", 's', IpxeValueKind.String)]),
        new("certstore", IpxeCommandKind.Certstore, 0, 1, "[<uri|image>]", "src/hci/commands/cert_cmd.c", "CERT_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("subject", 's', IpxeValueKind.String), IpxeOptionDefinition.Flag("keep", 'k')]),
        new("certfree", IpxeCommandKind.Certfree, 0, 0, "", "src/hci/commands/cert_cmd.c", "CERT_CMD", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("subject", 's', IpxeValueKind.String)]),
        new("sync", IpxeCommandKind.Sync, 0, 0, "", "src/hci/commands/sync_cmd.c", "SYNC_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout)]),
        new("fdt", IpxeCommandKind.Fdt, 0, 1, "[<uri>]", "src/hci/commands/fdt_cmd.c", "FDT_CMD", IpxeCommandAvailability.DefaultExceptX86, [IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("shim", IpxeCommandKind.Shim, 0, 1, "[<uri>]", "src/hci/commands/shim_cmd.c", "SHIM_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q'), IpxeOptionDefinition.Flag("require-loader", 'l'), IpxeOptionDefinition.Flag("allow-pxe", 'p'), IpxeOptionDefinition.Flag("allow-sbat", 's')]),
        new("pciscan", IpxeCommandKind.Pciscan, 1, 1, "<setting>", "src/hci/commands/pci_cmd.c", "PCI_CMD", IpxeCommandAvailability.DefaultExceptBios, []),
        new("usbscan", IpxeCommandKind.Usbscan, 1, 1, "<setting>", "src/hci/commands/usb_cmd.c", "USB_CMD", IpxeCommandAvailability.DefaultExceptBios, []),
        new("lotest", IpxeCommandKind.Lotest, 2, 2, "<sending interface> <receiving interface>", "src/hci/commands/lotest_cmd.c", "LOTEST_CMD", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Value("mtu", 'm', IpxeValueKind.Integer), IpxeOptionDefinition.Flag("broadcast", 'b')]),
        new("gdbstub", IpxeCommandKind.Gdbstub, 1, IpxeCommandDefinition.Unlimited, "<transport> [<options>...]", "src/hci/commands/gdbstub_cmd.c", "GDBSERIAL|GDBUDP", IpxeCommandAvailability.Optional, []),
        new("fcstat", IpxeCommandKind.Fcstat, 0, 0, "", "src/hci/commands/fcmgmt_cmd.c", "FCMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("fcels", IpxeCommandKind.Fcels, 1, 1, "<request>", "src/hci/commands/fcmgmt_cmd.c", "FCMGMT_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Value("port", 'p', IpxeValueKind.String), IpxeOptionDefinition.Value("id", 'i', IpxeValueKind.String)]),
        new("ibstat", IpxeCommandKind.Ibstat, 0, 0, "", "src/hci/commands/ibmgmt_cmd.c", "IBMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("iwstat", IpxeCommandKind.Iwstat, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/iwmgmt_cmd.c", "IWMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("iwlist", IpxeCommandKind.Iwlist, 0, IpxeCommandDefinition.Unlimited, "[<interface>...]", "src/hci/commands/iwmgmt_cmd.c", "IWMGMT_CMD", IpxeCommandAvailability.Default, []),
        new("profstat", IpxeCommandKind.Profstat, 0, 0, "", "src/hci/commands/profstat_cmd.c", "PROFSTAT_CMD", IpxeCommandAvailability.Optional, []),
        new("cpuid", IpxeCommandKind.Cpuid, 1, 1, "<bit>", "src/arch/x86/hci/commands/cpuid_cmd.c", "CPUID_CMD", IpxeCommandAvailability.DefaultOnX86, [IpxeOptionDefinition.Flag("ext", 'e'), IpxeOptionDefinition.Flag("amd", 'a'), IpxeOptionDefinition.Flag("ecx", 'c')]),
        new("startpxe", IpxeCommandKind.Startpxe, 0, IpxeCommandDefinition.Unlimited, "[<interface>]", "src/arch/x86/hci/commands/pxe_cmd.c", "PXE_CMD", IpxeCommandAvailability.OptionalOnX86Bios, []),
        new("stoppxe", IpxeCommandKind.Stoppxe, 0, 0, "", "src/arch/x86/hci/commands/pxe_cmd.c", "PXE_CMD", IpxeCommandAvailability.OptionalOnX86Bios, []),
        new("imgset", IpxeCommandKind.Imgset, 2, 2, "<setting> <uri|image>", "src/hci/commands/image_set_cmd.c", "IMAGE_SET_CMD", IpxeCommandAvailability.Default, [IpxeOptionDefinition.Flag("keep", 'k'), IpxeOptionDefinition.Value("timeout", 't', IpxeValueKind.Timeout), IpxeOptionDefinition.Flag("quiet", 'q')]),
        new("md4sum", IpxeCommandKind.Md4sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/crypto/mishmash/cmd_md4.c", "DIGEST_CMD+CRYPTO_DIGEST_MD4", IpxeCommandAvailability.Optional, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
        new("sha224sum", IpxeCommandKind.Sha224sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/crypto/mishmash/cmd_sha224.c", "DIGEST_CMD+CRYPTO_DIGEST_SHA224", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
        new("sha256sum", IpxeCommandKind.Sha256sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/crypto/mishmash/cmd_sha256.c", "DIGEST_CMD+CRYPTO_DIGEST_SHA256", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
        new("sha384sum", IpxeCommandKind.Sha384sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/crypto/mishmash/cmd_sha384.c", "DIGEST_CMD+CRYPTO_DIGEST_SHA384", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
        new("sha512sum", IpxeCommandKind.Sha512sum, 1, IpxeCommandDefinition.Unlimited, "<image> [<image>...]", "src/crypto/mishmash/cmd_sha512.c", "DIGEST_CMD+CRYPTO_DIGEST_SHA512", IpxeCommandAvailability.DefaultExceptBios, [IpxeOptionDefinition.Value("set", 's', IpxeValueKind.Setting)]),
    ];

    private static readonly FrozenDictionary<string, IpxeCommandDefinition> ByName =
        Definitions.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, IpxeCommandDefinition>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly IpxeCommandDefinition[] ByKind = BuildByKind();

    /// <summary>All definitions.</summary>
    public static IReadOnlyList<IpxeCommandDefinition> All => Definitions;

    /// <summary>Finds a command by its exact (case-sensitive) name, as iPXE's <c>execv()</c> does.</summary>
    public static IpxeCommandDefinition? Find(ReadOnlySpan<char> name) =>
        ByNameSpan.TryGetValue(name, out var definition) ? definition : null;

    /// <summary>The definition of a kind; throws for <see cref="IpxeCommandKind.Unknown"/>.</summary>
    public static IpxeCommandDefinition Get(IpxeCommandKind kind)
    {
        if (kind == IpxeCommandKind.Unknown || (int)kind >= ByKind.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown has no definition: pass a kind iPXE defines.");
        }

        return ByKind[(int)kind];
    }

    private static IpxeCommandDefinition[] BuildByKind()
    {
        var byKind = new IpxeCommandDefinition[Definitions.Length + 1];
        foreach (var definition in Definitions)
        {
            byKind[(int)definition.Kind] = definition;
        }

        return byKind;
    }
}
