using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>
/// The 64 KiB limit on an agent's event body, over a real socket: a chunked body has no Content-Length, and only
/// Kestrel enforces the limit while it reads one.
/// </summary>
[Collection(LoopbackHostGroup.Name)]
public sealed class ApiBodyLimitTests(LoopbackHostFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Events_BodyOver64KiB_Is400(bool chunked)
    {
        var json = "{\"type\":\"agent-started\",\"message\":\"" + new string('x', 100_000) + "\"}";

        var response = await fixture.Host.SendAsync(HttpMethod.Post, $"/api/v1/machines/{TestMachines.PlainMac}/events", HostLayout.AdminToken, json, request =>
        {
            if (chunked)
            {
                // Without a length the client sends Transfer-Encoding: chunked.
                request.Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.TransferEncodingChunked = true;
            }
        });

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);

        // Refused for its size (the endpoint's Content-Length check, or Kestrel's limit while reading a chunked body),
        // not for the 4096-character message rule the same body also breaks.
        Assert.Contains(chunked ? "The max request body size is 65536 bytes" : "larger than 65536 bytes", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
