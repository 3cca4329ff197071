namespace BareMetal.Redfish.Tests;

/// <summary>The client against vendor-shaped services (see <see cref="VendorShapes"/>) served by a scripted Kestrel.</summary>
public sealed class RecordedVendorTests : IAsyncLifetime
{
    private ScriptedBmc _bmc = null!;

    public async Task InitializeAsync() => _bmc = await ScriptedBmc.StartAsync();

    public async Task DisposeAsync() => await _bmc.DisposeAsync();

    [Fact]
    public async Task DellLike_SessionOemNoiseResetAndLogout()
    {
        const string token = "dell-token-h18-0123456789abcdef";
        _bmc.Json("GET", "/redfish/v1/", VendorShapes.DellRoot);
        _bmc.On("POST", "/redfish/v1/SessionService/Sessions", async context =>
        {
            context.Response.Headers["X-Auth-Token"] = token;
            await ScriptedBmc.Write(context, 201, """{"@odata.id":"/redfish/v1/SessionService/Sessions/22","Id":"22","UserName":"root"}""", location: "/redfish/v1/SessionService/Sessions/22");
        });
        _bmc.Json("GET", "/redfish/v1/Systems", VendorShapes.DellSystems);
        _bmc.Json("GET", "/redfish/v1/Systems/System.Embedded.1", VendorShapes.DellSystem);
        _bmc.On("POST", "/redfish/v1/Systems/System.Embedded.1/Actions/ComputerSystem.Reset", context => ScriptedBmc.Write(context, 204, null));
        _bmc.On("DELETE", "/redfish/v1/SessionService/Sessions/22", context => ScriptedBmc.Write(context, 200, "{}"));

        var log = new CollectingLogger();
        await using (var client = new RedfishClient(new HttpClient(), _bmc.Options(RedfishAuthentication.Session), log))
        {
            var system = await client.GetSystemAsync(null);
            Assert.True(system.IsSuccess, system.ToString());
            Assert.Equal("System.Embedded.1", system.Value.Id);
            Assert.Equal("Dell Inc.", system.Value.Manufacturer);
            Assert.Equal(PowerState.Off, system.Value.PowerState);
            Assert.Equal(BootSourceMode.Uefi, system.Value.Boot!.Mode);
            Assert.Contains("UefiHttp", system.Value.Boot.AllowedTargets);
            Assert.Equal(["/redfish/v1/Managers/iDRAC.Embedded.1"], system.Value.ManagedBy);

            var reset = await client.ResetAsync(system.Value, ResetType.PowerCycle);
            Assert.True(reset.IsSuccess, reset.ToString());
            Assert.Equal(204, reset.Value.StatusCode);
        }

        var requests = _bmc.Requests.ToArray();
        var login = Assert.Single(requests, r => r.Method == "POST" && r.Path.EndsWith("/Sessions", StringComparison.Ordinal));
        Assert.Equal("""{"UserName":"root","Password":"calvin-h18-secret"}""", login.Body);
        var post = Assert.Single(requests, r => r.Path.EndsWith("ComputerSystem.Reset", StringComparison.Ordinal));
        Assert.Equal("""{"ResetType":"PowerCycle"}""", post.Body);
        Assert.Equal(token, post.Token);
        Assert.Null(post.Authorization);
        Assert.Equal(1, _bmc.HitsOn("DELETE", "/redfish/v1/SessionService/Sessions/22"));
        Assert.DoesNotContain(token, log.All, StringComparison.Ordinal);
        Assert.DoesNotContain("calvin-h18-secret", log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HpeLike_WeakBodyETagSentBackInIfMatch_AndTrailingSlashPaths()
    {
        _bmc.Json("GET", "/redfish/v1/", """{"RedfishVersion":"1.13.0","Systems":{"@odata.id":"/redfish/v1/Systems/"}}""");
        _bmc.Json("GET", "/redfish/v1/Systems/", VendorShapes.Systems("/redfish/v1/Systems/1/"));
        _bmc.Json("GET", "/redfish/v1/Systems/1/", VendorShapes.HpeSystem);
        _bmc.Json("PATCH", "/redfish/v1/Systems/1/", """{"error":{"code":"iLO.0.10.ExtendedInfo","@Message.ExtendedInfo":[{"MessageId":"Base.1.4.Success"}]}}""");
        _bmc.On("POST", "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset/", context => ScriptedBmc.Write(context, 200, """{"error":{"code":"iLO.0.10.ExtendedInfo","@Message.ExtendedInfo":[{"MessageId":"Base.1.4.Success"}]}}"""));
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());

        var system = (await client.GetSystemAsync("1")).Value;
        Assert.Equal("W/\"8C3A9B10\"", system.ETag);
        Assert.Null(system.VirtualMediaPath);
        var patch = await client.SetBootOverrideAsync(system, BootSource.Pxe, BootOverrideEnabled.Once, BootSourceMode.Uefi);
        Assert.True(patch.IsSuccess, patch.ToString());
        var sent = Assert.Single(_bmc.Requests, r => r.Method == "PATCH");
        Assert.Equal("W/\"8C3A9B10\"", sent.IfMatch);
        Assert.Equal("""{"Boot":{"BootSourceOverrideTarget":"Pxe","BootSourceOverrideEnabled":"Once","BootSourceOverrideMode":"UEFI"}}""", sent.Body);
        Assert.StartsWith("Basic ", sent.Authorization, StringComparison.Ordinal);

        Assert.True((await client.ResetAsync(system, ResetType.GracefulRestart)).IsSuccess);
        Assert.Equal(RedfishErrorKind.ResetTypeNotAllowed, (await client.ResetAsync(system, ResetType.PowerCycle)).Error?.Kind);
    }

    [Fact]
    public async Task LenovoLike_ResetTypesFromActionInfo_VirtualMediaUnderTheManager()
    {
        _bmc.Json("GET", "/redfish/v1/", """{"RedfishVersion":"1.15.0","Systems":{"@odata.id":"/redfish/v1/Systems"}}""");
        _bmc.Json("GET", "/redfish/v1/Systems", VendorShapes.Systems("/redfish/v1/Systems/1"));
        _bmc.Json("GET", "/redfish/v1/Systems/1", VendorShapes.LenovoSystem);
        _bmc.Json("GET", "/redfish/v1/Systems/1/ResetActionInfo", VendorShapes.LenovoResetActionInfo);
        _bmc.Json("GET", "/redfish/v1/Managers/1", VendorShapes.LenovoManager);
        _bmc.Json("GET", "/redfish/v1/Managers/1/VirtualMedia", VendorShapes.LenovoVirtualMediaCollection);
        _bmc.Json("GET", "/redfish/v1/Managers/1/VirtualMedia/EXT1", VendorShapes.LenovoVirtualMediaExt1);
        _bmc.Json("GET", "/redfish/v1/Managers/1/VirtualMedia/Remote1", VendorShapes.LenovoVirtualMediaRemote1);
        _bmc.On("POST", "/redfish/v1/Managers/1/VirtualMedia/EXT1/Actions/VirtualMedia.InsertMedia", c => ScriptedBmc.Write(c, 204, null));
        _bmc.On("POST", "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", c => ScriptedBmc.Write(c, 204, null));
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());

        var system = (await client.GetSystemAsync(null)).Value;
        Assert.Empty(system.AllowedResetTypes);
        Assert.Equal("/redfish/v1/Systems/1/ResetActionInfo", system.ResetActionInfo);
        Assert.True((await client.ResetAsync(system, ResetType.ForceOn)).IsSuccess);
        var refused = await client.ResetAsync(system, ResetType.PowerCycle);
        Assert.Equal(RedfishErrorKind.ResetTypeNotAllowed, refused.Error?.Kind);
        Assert.Contains("ForceOn", refused.Error!.Summary, StringComparison.Ordinal);

        var media = await client.GetVirtualMediaAsync(system);
        Assert.True(media.IsSuccess, media.ToString());
        Assert.Equal(["EXT1", "Remote1"], media.Value.Select(m => m.Id));
        var remote = media.Value[1];
        Assert.Equal(RedfishErrorKind.VirtualMediaNotOffered, (await client.InsertMediaAsync(remote, new Uri("http://198.18.0.10/boot.iso"))).Error?.Kind);
        Assert.True((await client.InsertMediaAsync(media.Value[0], new Uri("http://198.18.0.10/boot.iso"))).IsSuccess);
        Assert.Equal("""{"Image":"http://198.18.0.10/boot.iso","Inserted":true,"WriteProtected":true}""",
            Assert.Single(_bmc.Requests, r => r.Path.EndsWith("InsertMedia", StringComparison.Ordinal)).Body);
    }

    [Fact]
    public async Task SupermicroLike_SessionsUnderSessionService_AndNoVirtualMedia()
    {
        _bmc.Json("GET", "/redfish/v1/", VendorShapes.SupermicroRoot);
        _bmc.On("POST", "/redfish/v1/SessionService/Sessions", async context =>
        {
            context.Response.Headers["X-Auth-Token"] = "smc-token";
            // No Location header: the session's path comes from the body.
            await ScriptedBmc.Write(context, 201, """{"@odata.id":"/redfish/v1/SessionService/Sessions/5"}""");
        });
        _bmc.Json("GET", "/redfish/v1/Systems", VendorShapes.Systems("/redfish/v1/Systems/1"));
        _bmc.Json("GET", "/redfish/v1/Systems/1", """{"@odata.id":"/redfish/v1/Systems/1","Id":"1","PowerState":"PoweringOn"}""");
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(RedfishAuthentication.Session));
        var system = await client.GetSystemAsync("1");
        Assert.Equal(PowerState.PoweringOn, system.Value.PowerState);
        Assert.Equal("/redfish/v1/SessionService/Sessions/5", client.SessionPath);
        Assert.Equal(RedfishErrorKind.VirtualMediaNotOffered, (await client.GetVirtualMediaAsync(system.Value)).Error?.Kind);
        Assert.Equal(RedfishErrorKind.MissingProperty, (await client.ResetAsync(system.Value, ResetType.On)).Error?.Kind);
    }
}
