using System.Text;
using Microsoft.AspNetCore.Http;

namespace BareMetal.Redfish.Tests;

/// <summary>Faults a BMC produces: 5xx with and without Retry-After, dropped connections, silence, bad JSON, odd links, tasks.</summary>
public sealed class RecordedFaultTests : IAsyncLifetime
{
    private const string System1 = "/redfish/v1/Systems/1";
    private ScriptedBmc _bmc = null!;

    public async Task InitializeAsync()
    {
        _bmc = await ScriptedBmc.StartAsync();
        _bmc.Json("GET", "/redfish/v1/", """{"RedfishVersion":"1.15.0","Systems":{"@odata.id":"/redfish/v1/Systems"},"Links":{"Sessions":{"@odata.id":"/redfish/v1/SessionService/Sessions"}}}""");
        _bmc.Json("GET", "/redfish/v1/Systems", VendorShapes.Systems(System1));
    }

    public async Task DisposeAsync() => await _bmc.DisposeAsync();

    private static string System(string powerState = "On") => $$$$"""
        {"@odata.id":"{{{{System1}}}}","Id":"1","PowerState":"{{{{powerState}}}}",
         "Actions":{"#ComputerSystem.Reset":{"target":"{{{{System1}}}}/Actions/ComputerSystem.Reset","ResetType@Redfish.AllowableValues":["On","ForceOff","ForceRestart"]}}}
        """;

    [Fact]
    public async Task Get_503ThenSuccess_Retried()
    {
        var calls = 0;
        _bmc.On("GET", System1, context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "0";
                return ScriptedBmc.Write(context, 503, VendorShapes.Error("Base.1.12.ServiceTemporarilyUnavailable", "The service is temporarily unavailable."));
            }

            return ScriptedBmc.Write(context, 200, System());
        });
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());
        var system = await client.GetSystemAsync("1");
        Assert.True(system.IsSuccess, system.ToString());
        Assert.Equal(2, _bmc.HitsOn("GET", System1));
    }

    [Fact]
    public async Task Get_Always503_ServerErrorWithTheBmcMessageAfterTheBoundedAttempts()
    {
        _bmc.Json("GET", System1, VendorShapes.Error("Base.1.12.ServiceTemporarilyUnavailable", "The service is temporarily unavailable. Retry in 30 seconds."), 503);
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 3));
        var system = await client.GetSystemAsync("1");
        Assert.Equal(RedfishErrorKind.ServerError, system.Error?.Kind);
        Assert.Equal(503, system.Error!.StatusCode);
        Assert.Equal("The service is temporarily unavailable. Retry in 30 seconds.", system.Error.Message);
        Assert.Equal(3, _bmc.HitsOn("GET", System1));
    }

    [Fact]
    public async Task Post_500_NotRetried_503_Retried()
    {
        _bmc.Json("GET", System1, System());
        _bmc.Json("POST", System1 + "/Actions/ComputerSystem.Reset", VendorShapes.Error("Base.1.12.InternalError", "The request failed due to an internal service error."), 500);
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 3));
        var system = (await client.GetSystemAsync("1")).Value;
        var reset = await client.ResetAsync(system, ResetType.ForceRestart);
        Assert.Equal(RedfishErrorKind.ServerError, reset.Error?.Kind);
        Assert.Equal(1, _bmc.HitsOn("POST", System1 + "/Actions/ComputerSystem.Reset"));

        _bmc.Json("POST", System1 + "/Actions/ComputerSystem.Reset", VendorShapes.Error("Base.1.12.ServiceTemporarilyUnavailable", "busy"), 503);
        Assert.Equal(RedfishErrorKind.ServerError, (await client.ResetAsync(system, ResetType.ForceRestart)).Error?.Kind);
        Assert.Equal(1 + 3, _bmc.HitsOn("POST", System1 + "/Actions/ComputerSystem.Reset"));
    }

    [Fact]
    public async Task Post_DroppedAfterSending_NotRetried_NeverConnected_Retried()
    {
        // The BMC may have acted on a POST whose answer was lost: never repeat it.
        _bmc.On("POST", System1 + "/Actions/ComputerSystem.Reset", context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        var system = new ComputerSystem { Path = System1, Id = "1", ResetTarget = System1 + "/Actions/ComputerSystem.Reset", AllowedResetTypes = ["On"] };
        await using (var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 3)))
        {
            Assert.Equal(RedfishErrorKind.ConnectionFailed, (await client.ResetAsync(system, ResetType.On)).Error?.Kind);
        }

        Assert.Equal(1, _bmc.HitsOn("POST", System1 + "/Actions/ComputerSystem.Reset"));

        // Nothing listening: the request never left, so the POST is tried again.
        var log = new CollectingLogger();
        var options = _bmc.Options(attempts: 3);
        await using var refused = new RedfishClient(new HttpClient(), new RedfishClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{LabBmc.FreeTcpPort()}/"),
            Credentials = options.Credentials,
            Authentication = RedfishAuthentication.Basic,
            AllowUnencryptedHttp = true,
            Retry = options.Retry,
        }, log);
        var result = await refused.ResetAsync(system, ResetType.On);
        Assert.Equal(RedfishErrorKind.ConnectionFailed, result.Error?.Kind);
        Assert.Contains("attempt 2 failed (ConnectionFailed)", log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedConnection_ConnectionFailedAfterRetries()
    {
        _bmc.On("GET", System1, context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 2));
        var system = await client.GetSystemAsync("1");
        Assert.Equal(RedfishErrorKind.ConnectionFailed, system.Error?.Kind);
        Assert.Equal(2, _bmc.HitsOn("GET", System1));
    }

    [Fact]
    public async Task DroppedMidBody_ConnectionFailed()
    {
        _bmc.On("GET", System1, async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 5000;
            await context.Response.WriteAsync("{\"Id\":\"1\",");
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 1));
        Assert.Equal(RedfishErrorKind.ConnectionFailed, (await client.GetSystemAsync("1")).Error?.Kind);
    }

    [Fact]
    public async Task NoAnswer_TimeoutAfterRetries()
    {
        _bmc.On("GET", System1, async context => await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 2, timeout: TimeSpan.FromMilliseconds(300)));
        var started = DateTime.UtcNow;
        var system = await client.GetSystemAsync("1");
        Assert.Equal(RedfishErrorKind.Timeout, system.Error?.Kind);
        Assert.Equal(2, _bmc.HitsOn("GET", System1));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("{\"Id\":\"1\",", RedfishErrorKind.MalformedJson)]
    [InlineData("{\"Id\":\"1\",\"PowerState\":5}", RedfishErrorKind.MalformedJson)]
    [InlineData("[1,2,3]", RedfishErrorKind.MalformedJson)]
    [InlineData("null", RedfishErrorKind.MalformedJson)]
    [InlineData("", RedfishErrorKind.MalformedJson)]
    [InlineData("<html><body>Bad gateway</body></html>", RedfishErrorKind.MalformedJson)]
    [InlineData("{\"PowerState\":\"On\"}", RedfishErrorKind.MissingProperty)]
    public async Task BadBody_TypedError(string body, RedfishErrorKind expected)
    {
        _bmc.Json("GET", System1, body);
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());
        var system = await client.GetSystemAsync("1");
        Assert.Equal(expected, system.Error?.Kind);
        Assert.Equal(System1, system.Error!.Resource);
    }

    [Fact]
    public async Task HtmlErrorPage_ServerErrorWithoutBmcMessages()
    {
        _bmc.On("GET", System1, context => ScriptedBmc.Write(context, 502, null));
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(attempts: 1));
        var system = await client.GetSystemAsync("1");
        Assert.Equal(RedfishErrorKind.ServerError, system.Error?.Kind);
        Assert.Empty(system.Error!.Messages);
        Assert.Contains("502", system.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Refused()
    {
        var big = "{\"Id\":\"1\",\"Pad\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        _bmc.On("GET", System1, async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(big));
        });
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());
        var system = await client.GetSystemAsync("1");
        Assert.Equal(RedfishErrorKind.MalformedJson, system.Error?.Kind);
        Assert.Contains("larger than", system.Error!.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://198.18.0.99/redfish/v1/Systems/1")]
    [InlineData("//198.18.0.99/redfish/v1/Systems/1")]
    [InlineData("Systems/1")]
    [InlineData("ftp://198.18.0.99/x")]
    public async Task LinkAwayFromTheBmc_InvalidLink(string member)
    {
        _bmc.Json("GET", "/redfish/v1/Systems", VendorShapes.Systems(member));
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());
        Assert.Equal(RedfishErrorKind.InvalidLink, (await client.GetSystemAsync(null)).Error?.Kind);
    }

    [Fact]
    public async Task TaskMonitor_TaskBodyRunningThenCompleted()
    {
        _bmc.Json("GET", System1, System());
        _bmc.Json("POST", System1 + "/Actions/ComputerSystem.Reset", """{"@odata.id":"/redfish/v1/TaskService/Tasks/7","TaskState":"New"}""", 202, location: "/redfish/v1/TaskService/TaskMonitors/7");
        var polls = 0;
        _bmc.On("GET", "/redfish/v1/TaskService/TaskMonitors/7", context => Interlocked.Increment(ref polls) switch
        {
            1 => ScriptedBmc.Write(context, 202, """{"Id":"7","TaskState":"Running","PercentComplete":10}"""),
            2 => ScriptedBmc.Write(context, 200, """{"Id":"7","TaskState":"Running","PercentComplete":60.5}"""),
            _ => ScriptedBmc.Write(context, 200, """{"Id":"7","TaskState":"Completed","TaskStatus":"OK","Messages":[{"MessageId":"TaskEvent.1.0.TaskCompletedOK","Message":"The task with Id '7' has completed."}]}"""),
        });
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());
        var reset = await client.ResetAsync((await client.GetSystemAsync("1")).Value, ResetType.ForceOff);
        Assert.True(reset.IsSuccess, reset.ToString());
        Assert.Equal("Completed", reset.Value.TaskState);
        Assert.Equal("TaskEvent.1.0.TaskCompletedOK", reset.Value.Messages[0].MessageId);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task TaskMonitor_Exception_TaskFailedWithMessages()
    {
        _bmc.Json("GET", System1, System());
        _bmc.Json("POST", System1 + "/Actions/ComputerSystem.Reset", "", 202, location: "/redfish/v1/TaskService/TaskMonitors/8");
        _bmc.Json("GET", "/redfish/v1/TaskService/TaskMonitors/8", """{"Id":"8","TaskState":"Exception","TaskStatus":"Critical","Messages":[{"MessageId":"Base.1.12.InternalError","Message":"Power supply 2 failed to respond."}]}""");
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options());
        var reset = await client.ResetAsync((await client.GetSystemAsync("1")).Value, ResetType.On);
        Assert.Equal(RedfishErrorKind.TaskFailed, reset.Error?.Kind);
        Assert.Equal("Power supply 2 failed to respond.", reset.Error!.Message);
    }

    [Fact]
    public async Task TaskMonitor_NeverDone_TaskTimedOut()
    {
        _bmc.Json("GET", System1, System());
        _bmc.Json("POST", System1 + "/Actions/ComputerSystem.Reset", "", 202, location: "/redfish/v1/TaskService/TaskMonitors/9");
        _bmc.Json("GET", "/redfish/v1/TaskService/TaskMonitors/9", """{"TaskState":"Running"}""", 202);
        var options = _bmc.Options();
        await using var client = new RedfishClient(new HttpClient(), new RedfishClientOptions
        {
            BaseAddress = options.BaseAddress,
            Credentials = options.Credentials,
            Authentication = RedfishAuthentication.Basic,
            AllowUnencryptedHttp = true,
            TaskPollInterval = TimeSpan.FromMilliseconds(50),
            TaskTimeout = TimeSpan.FromMilliseconds(400),
        });
        var reset = await client.ResetAsync((await client.GetSystemAsync("1")).Value, ResetType.On);
        Assert.Equal(RedfishErrorKind.TaskTimedOut, reset.Error?.Kind);
    }

    [Fact]
    public async Task SessionExpired_LogsInAgainOnce()
    {
        var logins = 0;
        _bmc.On("POST", "/redfish/v1/SessionService/Sessions", async context =>
        {
            var n = Interlocked.Increment(ref logins);
            context.Response.Headers["X-Auth-Token"] = "token-" + n;
            await ScriptedBmc.Write(context, 201, "{}", location: "/redfish/v1/SessionService/Sessions/" + n);
        });
        _bmc.On("GET", System1, context => context.Request.Headers["X-Auth-Token"] == "token-2"
            ? ScriptedBmc.Write(context, 200, System())
            : ScriptedBmc.Write(context, 401, VendorShapes.Error("Base.1.12.NoValidSession", "There is no valid session established with the implementation.")));
        await using var client = new RedfishClient(new HttpClient(), _bmc.Options(RedfishAuthentication.Session));
        var system = await client.GetSystemAsync("1");
        Assert.True(system.IsSuccess, system.ToString());
        Assert.Equal(2, logins);
        Assert.Equal("/redfish/v1/SessionService/Sessions/2", client.SessionPath);
    }

    [Fact]
    public async Task Options_HttpWithoutOptIn_AndBadFingerprints_AreConfigurationErrors()
    {
        var http = Assert.Throws<ArgumentException>(() => RedfishClient.Create(new RedfishClientOptions
        {
            BaseAddress = new Uri("http://198.18.0.5/"),
            Credentials = new RedfishCredentials("u", "p"),
        }));
        Assert.Contains("AllowUnencryptedHttp", http.Message, StringComparison.Ordinal);
        var userInfo = Assert.Throws<ArgumentException>(() => RedfishClient.Create(new RedfishClientOptions
        {
            BaseAddress = new Uri("https://root:calvin@198.18.0.5/"),
            Credentials = new RedfishCredentials("root", "calvin"),
        }));
        Assert.DoesNotContain("calvin", userInfo.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RedfishTrust.PinnedSha256("AB:CD"));
        Assert.Throws<ArgumentException>(() => RedfishTrust.PinnedSha256(new string('Z', 64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RedfishClient.Create(new RedfishClientOptions
        {
            BaseAddress = new Uri("https://198.18.0.5/"),
            Credentials = new RedfishCredentials("u", "p"),
            Retry = new RedfishRetryPolicy { MaxAttempts = 0 },
        }));
    }
}
