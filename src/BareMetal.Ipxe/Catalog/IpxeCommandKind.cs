namespace BareMetal.Ipxe;

/// <summary>The commands iPXE defines (<c>COMMAND(name, ...)</c> in its sources), plus <see cref="Unknown"/>.</summary>
public enum IpxeCommandKind
{
    /// <summary>A command iPXE does not define (kept verbatim; iPXE prints "command not found").</summary>
    Unknown = 0,

    /// <summary><c>imgfetch</c> (src/hci/commands/image_cmd.c).</summary>
    Imgfetch,

    /// <summary><c>module</c> (src/hci/commands/image_cmd.c).</summary>
    Module,

    /// <summary><c>initrd</c> (src/hci/commands/image_cmd.c).</summary>
    Initrd,

    /// <summary><c>imgselect</c> (src/hci/commands/image_cmd.c).</summary>
    Imgselect,

    /// <summary><c>imgload</c> (src/hci/commands/image_cmd.c).</summary>
    Imgload,

    /// <summary><c>kernel</c> (src/hci/commands/image_cmd.c).</summary>
    Kernel,

    /// <summary><c>imgexec</c> (src/hci/commands/image_cmd.c).</summary>
    Imgexec,

    /// <summary><c>chain</c> (src/hci/commands/image_cmd.c).</summary>
    Chain,

    /// <summary><c>boot</c> (src/hci/commands/image_cmd.c).</summary>
    Boot,

    /// <summary><c>imgargs</c> (src/hci/commands/image_cmd.c).</summary>
    Imgargs,

    /// <summary><c>imgstat</c> (src/hci/commands/image_cmd.c).</summary>
    Imgstat,

    /// <summary><c>imgfree</c> (src/hci/commands/image_cmd.c).</summary>
    Imgfree,

    /// <summary><c>imgverify</c> (src/hci/commands/image_trust_cmd.c).</summary>
    Imgverify,

    /// <summary><c>imgtrust</c> (src/hci/commands/image_trust_cmd.c).</summary>
    Imgtrust,

    /// <summary><c>imgextract</c> (src/hci/commands/image_archive_cmd.c).</summary>
    Imgextract,

    /// <summary><c>imgdecrypt</c> (src/hci/commands/image_crypt_cmd.c).</summary>
    Imgdecrypt,

    /// <summary><c>imgmem</c> (src/hci/commands/image_mem_cmd.c).</summary>
    Imgmem,

    /// <summary><c>show</c> (src/hci/commands/nvo_cmd.c).</summary>
    Show,

    /// <summary><c>set</c> (src/hci/commands/nvo_cmd.c).</summary>
    Set,

    /// <summary><c>clear</c> (src/hci/commands/nvo_cmd.c).</summary>
    Clear,

    /// <summary><c>read</c> (src/hci/commands/nvo_cmd.c).</summary>
    Read,

    /// <summary><c>inc</c> (src/hci/commands/nvo_cmd.c).</summary>
    Inc,

    /// <summary><c>goto</c> (src/image/script.c).</summary>
    Goto,

    /// <summary><c>prompt</c> (src/image/script.c).</summary>
    Prompt,

    /// <summary><c>echo</c> (src/core/exec.c).</summary>
    Echo,

    /// <summary><c>exit</c> (src/core/exec.c).</summary>
    Exit,

    /// <summary><c>isset</c> (src/core/exec.c).</summary>
    Isset,

    /// <summary><c>iseq</c> (src/core/exec.c).</summary>
    Iseq,

    /// <summary><c>sleep</c> (src/core/exec.c).</summary>
    Sleep,

    /// <summary><c>shell</c> (src/hci/shell.c).</summary>
    Shell,

    /// <summary><c>help</c> (src/hci/shell.c).</summary>
    Help,

    /// <summary><c>ifopen</c> (src/hci/commands/ifmgmt_cmd.c).</summary>
    Ifopen,

    /// <summary><c>ifclose</c> (src/hci/commands/ifmgmt_cmd.c).</summary>
    Ifclose,

    /// <summary><c>ifstat</c> (src/hci/commands/ifmgmt_cmd.c).</summary>
    Ifstat,

    /// <summary><c>ifconf</c> (src/hci/commands/ifmgmt_cmd.c).</summary>
    Ifconf,

    /// <summary><c>dhcp</c> (src/hci/commands/dhcp_cmd.c).</summary>
    Dhcp,

    /// <summary><c>iflinkwait</c> (src/hci/commands/ifmgmt_cmd.c).</summary>
    Iflinkwait,

    /// <summary><c>autoboot</c> (src/hci/commands/autoboot_cmd.c).</summary>
    Autoboot,

    /// <summary><c>pxebs</c> (src/hci/commands/dhcp_cmd.c).</summary>
    Pxebs,

    /// <summary><c>menu</c> (src/hci/commands/dynui_cmd.c).</summary>
    Menu,

    /// <summary><c>form</c> (src/hci/commands/dynui_cmd.c).</summary>
    Form,

    /// <summary><c>item</c> (src/hci/commands/dynui_cmd.c).</summary>
    Item,

    /// <summary><c>choose</c> (src/hci/commands/dynui_cmd.c).</summary>
    Choose,

    /// <summary><c>present</c> (src/hci/commands/dynui_cmd.c).</summary>
    Present,

    /// <summary><c>sanboot</c> (src/hci/commands/sanboot_cmd.c).</summary>
    Sanboot,

    /// <summary><c>sanhook</c> (src/hci/commands/sanboot_cmd.c).</summary>
    Sanhook,

    /// <summary><c>sanunhook</c> (src/hci/commands/sanboot_cmd.c).</summary>
    Sanunhook,

    /// <summary><c>login</c> (src/hci/commands/login_cmd.c).</summary>
    Login,

    /// <summary><c>params</c> (src/hci/commands/param_cmd.c).</summary>
    Params,

    /// <summary><c>param</c> (src/hci/commands/param_cmd.c).</summary>
    Param,

    /// <summary><c>ntp</c> (src/hci/commands/ntp_cmd.c).</summary>
    Ntp,

    /// <summary><c>console</c> (src/hci/commands/console_cmd.c).</summary>
    Console,

    /// <summary><c>colour</c> (src/hci/commands/console_cmd.c).</summary>
    Colour,

    /// <summary><c>cpair</c> (src/hci/commands/console_cmd.c).</summary>
    Cpair,

    /// <summary><c>reboot</c> (src/hci/commands/reboot_cmd.c).</summary>
    Reboot,

    /// <summary><c>poweroff</c> (src/hci/commands/poweroff_cmd.c).</summary>
    Poweroff,

    /// <summary><c>config</c> (src/hci/commands/config_cmd.c).</summary>
    Config,

    /// <summary><c>nslookup</c> (src/hci/commands/nslookup_cmd.c).</summary>
    Nslookup,

    /// <summary><c>ping</c> (src/hci/commands/ping_cmd.c).</summary>
    Ping,

    /// <summary><c>route</c> (src/hci/commands/route_cmd.c).</summary>
    Route,

    /// <summary><c>ipstat</c> (src/hci/commands/ipstat_cmd.c).</summary>
    Ipstat,

    /// <summary><c>nstat</c> (src/hci/commands/neighbour_cmd.c).</summary>
    Nstat,

    /// <summary><c>vcreate</c> (src/hci/commands/vlan_cmd.c).</summary>
    Vcreate,

    /// <summary><c>vdestroy</c> (src/hci/commands/vlan_cmd.c).</summary>
    Vdestroy,

    /// <summary><c>time</c> (src/hci/commands/time_cmd.c).</summary>
    Time,

    /// <summary><c>md5sum</c> (src/hci/commands/digest_cmd.c).</summary>
    Md5sum,

    /// <summary><c>sha1sum</c> (src/hci/commands/digest_cmd.c).</summary>
    Sha1sum,

    /// <summary><c>certstat</c> (src/hci/commands/cert_cmd.c).</summary>
    Certstat,

    /// <summary><c>certstore</c> (src/hci/commands/cert_cmd.c).</summary>
    Certstore,

    /// <summary><c>certfree</c> (src/hci/commands/cert_cmd.c).</summary>
    Certfree,

    /// <summary><c>sync</c> (src/hci/commands/sync_cmd.c).</summary>
    Sync,

    /// <summary><c>fdt</c> (src/hci/commands/fdt_cmd.c).</summary>
    Fdt,

    /// <summary><c>shim</c> (src/hci/commands/shim_cmd.c).</summary>
    Shim,

    /// <summary><c>pciscan</c> (src/hci/commands/pci_cmd.c).</summary>
    Pciscan,

    /// <summary><c>usbscan</c> (src/hci/commands/usb_cmd.c).</summary>
    Usbscan,

    /// <summary><c>lotest</c> (src/hci/commands/lotest_cmd.c).</summary>
    Lotest,

    /// <summary><c>gdbstub</c> (src/hci/commands/gdbstub_cmd.c).</summary>
    Gdbstub,

    /// <summary><c>fcstat</c> (src/hci/commands/fcmgmt_cmd.c).</summary>
    Fcstat,

    /// <summary><c>fcels</c> (src/hci/commands/fcmgmt_cmd.c).</summary>
    Fcels,

    /// <summary><c>ibstat</c> (src/hci/commands/ibmgmt_cmd.c).</summary>
    Ibstat,

    /// <summary><c>iwstat</c> (src/hci/commands/iwmgmt_cmd.c).</summary>
    Iwstat,

    /// <summary><c>iwlist</c> (src/hci/commands/iwmgmt_cmd.c).</summary>
    Iwlist,

    /// <summary><c>profstat</c> (src/hci/commands/profstat_cmd.c).</summary>
    Profstat,

    /// <summary><c>cpuid</c> (src/arch/x86/hci/commands/cpuid_cmd.c).</summary>
    Cpuid,

    /// <summary><c>startpxe</c> (src/arch/x86/hci/commands/pxe_cmd.c).</summary>
    Startpxe,

    /// <summary><c>stoppxe</c> (src/arch/x86/hci/commands/pxe_cmd.c).</summary>
    Stoppxe,

    /// <summary><c>imgset</c> (src/hci/commands/image_set_cmd.c).</summary>
    Imgset,

    /// <summary><c>md4sum</c> (src/crypto/mishmash/cmd_md4.c).</summary>
    Md4sum,

    /// <summary><c>sha224sum</c> (src/crypto/mishmash/cmd_sha224.c).</summary>
    Sha224sum,

    /// <summary><c>sha256sum</c> (src/crypto/mishmash/cmd_sha256.c).</summary>
    Sha256sum,

    /// <summary><c>sha384sum</c> (src/crypto/mishmash/cmd_sha384.c).</summary>
    Sha384sum,

    /// <summary><c>sha512sum</c> (src/crypto/mishmash/cmd_sha512.c).</summary>
    Sha512sum,
}
