using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>Leases and boot offers from the host's DHCP server to udhcpc and dhclient.</summary>
[Collection(SharedHost.Name)]
public sealed class DhcpTests(HostFixture fixture)
{
    [InteropFact]
    public async Task Udhcpc_KnownBiosPxeMachine_GetsReservationAndUndionly()
    {
        var link = await fixture.Lab.AddClientLinkAsync("r", TestMachines.ReservedMac);

        var lease = await DhcpClients.UdhcpcAsync(fixture.Lab, link, DhcpClients.BiosPxe);

        Assert.NotNull(lease);
        Assert.Equal(TestMachines.ReservedIp, lease["ip"]);
        Assert.Equal("undionly.kpxe", lease["boot_file"]);
        Assert.Equal("192.0.2.1", lease["siaddr"]);
        var machine = await Curl.GetAsync(fixture.Lab, $"/api/v1/machines/{TestMachines.ReservedMac}", HostLayout.AdminToken);
        Assert.Equal(TestMachines.ReservedIp, machine.Json.GetProperty("ip").GetString());
        Assert.Equal("IntelX86Pc", machine.Json.GetProperty("arch").GetString());
        var types = machine.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("dhcp-lease", types);
        Assert.Contains("dhcp-boot", types);
    }

    [InteropFact]
    public async Task Udhcpc_AnyMachine_GetsRouterDnsDomainAndNtpFromTheCommandLine()
    {
        var link = await fixture.Lab.AddClientLinkAsync("o", "52:54:00:0d:0e:01");

        var lease = await DhcpClients.UdhcpcAsync(fixture.Lab, link, DhcpClients.BiosPxe);

        // The host runs with --router 192.0.2.1 --dns 192.0.2.53,192.0.2.54 --domain lab.example.test --ntp 192.0.2.123.
        Assert.NotNull(lease);
        Assert.Equal("192.0.2.1", lease["router"]);
        Assert.Equal("192.0.2.53 192.0.2.54", lease["dns"]);
        Assert.Equal("lab.example.test", lease["domain"]);
        Assert.Equal("192.0.2.123", lease["ntpsrv"]);
        Assert.Equal("lab.example.test", lease["search"]);
    }

    [InteropFact]
    public async Task Udhcpc_KnownUefiPxeMachine_GetsSnponlyFromThePool()
    {
        var link = await fixture.Lab.AddClientLinkAsync("u", TestMachines.PlainMac);

        var lease = await DhcpClients.UdhcpcAsync(fixture.Lab, link, DhcpClients.UefiPxe);

        Assert.NotNull(lease);
        Assert.True(DhcpClients.InTestRange(lease["ip"]), lease["ip"]);
        Assert.Equal("snponly.efi", lease["boot_file"]);
    }

    [InteropFact]
    public async Task Udhcpc_Ipxe_GetsItsScriptUrl()
    {
        var link = await fixture.Lab.AddClientLinkAsync("i", TestMachines.ScriptMac);

        var lease = await DhcpClients.UdhcpcAsync(fixture.Lab, link, DhcpClients.BiosIpxe);

        Assert.NotNull(lease);
        Assert.Equal($"http://192.0.2.1:8080/ipxe/{TestMachines.ScriptMac}?platform=${{platform}}", lease["boot_file"]);
    }

    [InteropFact]
    public async Task Udhcpc_UnknownPxeMachine_GetsALeaseButNoBootAndIsDiscovered()
    {
        const string unknown = "52:54:00:0d:0d:01";
        var link = await fixture.Lab.AddClientLinkAsync("x", unknown);

        var lease = await DhcpClients.UdhcpcAsync(fixture.Lab, link, DhcpClients.BiosPxe);

        Assert.NotNull(lease);
        Assert.True(DhcpClients.InTestRange(lease["ip"]), lease["ip"]);
        Assert.False(lease.ContainsKey("boot_file"), "an unknown machine must not be offered a boot file");
        var machine = await Curl.GetAsync(fixture.Lab, $"/api/v1/machines/{unknown}", HostLayout.AdminToken);
        Assert.Equal(200, machine.Status);
        Assert.Equal("discovered", machine.Json.GetProperty("state").GetString());
        Assert.Contains("dhcp-discover", machine.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [InteropFact]
    public async Task Dhclient_GetsALeaseFromTheRange()
    {
        var link = await fixture.Lab.AddClientLinkAsync("d", "52:54:00:0d:0d:02");

        var address = await DhcpClients.DhclientAsync(fixture.Lab, link);

        Assert.NotNull(address);
        Assert.True(DhcpClients.InTestRange(address), address);
    }
}
