using System.Text.Json.Nodes;
using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>The live page at /, loaded in headless Chromium from the host run in-process on a loopback socket.</summary>
[Collection(LoopbackHostGroup.Name)]
public sealed class LivePageTests(LoopbackHostFixture fixture)
{
    private const string PageState = """
        JSON.stringify({
          ready: document.body.dataset.ready,
          stream: document.body.dataset.stream,
          rows: [...document.querySelectorAll('#machines tbody tr')].map(r => ({ mac: r.dataset.mac, state: r.dataset.state, text: r.textContent })),
          timeline: [...document.querySelectorAll('#timeline li')].map(li => li.dataset.type + ' ' + li.dataset.mac)
        })
        """;

    [Fact]
    public async Task LivePage_ListsMachinesAndShowsNewEventsAsTheyHappen()
    {
        const string newcomer = "52:54:00:0b:0b:01";
        await fixture.Host.GetAsync($"/ipxe/{TestMachines.ScriptMac}?platform=efi");
        var page = await fixture.Host.GetAsync("/");
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);

        await using var chromium = await HeadlessChromium.StartAsync(new Uri(fixture.Host.BaseAddress, $"/#token={HostLayout.AdminToken}"));

        var loaded = Parse(await chromium.WaitForAsync(PageState, v => Parse(v)?["ready"]?.GetValue<string>() == "true" && Parse(v)?["stream"]?.GetValue<string>() == "open"));
        var rows = loaded!["rows"]!.AsArray();
        var script = rows.Single(r => r!["mac"]!.GetValue<string>() == TestMachines.ScriptMac)!;
        Assert.Contains("node-script", script["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(rows, r => r!["mac"]!.GetValue<string>() == TestMachines.ReservedMac);
        Assert.Contains($"script {TestMachines.ScriptMac}", loaded["timeline"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain(rows, r => r!["mac"]!.GetValue<string>() == newcomer);

        // A machine nobody knows asks for its script while the page is open: the server-sent event adds it.
        await fixture.Host.GetAsync($"/ipxe/{newcomer}");
        var live = Parse(await chromium.WaitForAsync(PageState, v =>
            Parse(v)?["timeline"]?.AsArray().Any(t => t!.GetValue<string>() == $"script {newcomer}") == true
            && Parse(v)?["rows"]?.AsArray().Any(r => r!["mac"]!.GetValue<string>() == newcomer) == true));
        var row = live!["rows"]!.AsArray().Single(r => r!["mac"]!.GetValue<string>() == newcomer)!;
        Assert.Equal("discovered", row["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task LivePage_WithoutToken_AsksForIt()
    {
        await using var chromium = await HeadlessChromium.StartAsync(new Uri(fixture.Host.BaseAddress, "/"));

        var hidden = await chromium.WaitForAsync("document.getElementById('login').hidden", v => v?.GetValue<bool>() == false);

        Assert.False(hidden!.GetValue<bool>());
        Assert.Equal("false", (await chromium.EvaluateAsync("document.body.dataset.ready"))!.GetValue<string>());
    }

    private static JsonNode? Parse(JsonNode? value) => value is null ? null : JsonNode.Parse(value.GetValue<string>());
}
