using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BareMetal.Images.Tests;

/// <summary>The hosting idiom (docs/hosting.md): AddImageServer validates once at start, MapImages(prefix) uses it.</summary>
public sealed class HostingTests
{
    [Fact]
    public void AddImageServer_WithBadOptions_ListsEveryFieldAtStart()
    {
        var services = new ServiceCollection();
        services.AddImageServer(o => { o.RootDirectory = "/nonexistent/bmim-hosting"; o.MaxRanges = 0; o.ReadAheadBudget = 4096; });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImageServerOptions>>().Value);

        Assert.Contains("ImageServerOptions.RootDirectory '/nonexistent/bmim-hosting' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageServerOptions.MaxRanges", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageServerOptions.ReadAheadBudget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddImageServer_ThenMapImages_ServesTheRegisteredRoot()
    {
        var root = Directory.CreateTempSubdirectory("bmim-hosting-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "kernel"), new byte[1234]);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddImageServer(o => o.RootDirectory = root.FullName);
            await using var app = builder.Build();
            app.MapImages("/images");
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            var body = await http.GetByteArrayAsync(new Uri("/images/kernel", UriKind.Relative));

            Assert.Equal(1234, body.Length);
            await app.StopAsync();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task MapImages_WithoutAddImageServer_SaysWhatToCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapImages("/images"));

        Assert.Contains("AddImageServer", error.Message, StringComparison.Ordinal);
    }
}
