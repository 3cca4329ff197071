using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BareMetal.Tftp.Tests.Server;

public sealed class HostingTests
{
    [Fact]
    public async Task AddTftpServer_WithARoot_ServesItsFiles()
    {
        var root = Path.Combine(Path.GetTempPath(), "bmtf-host-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(root, "ipxe.efi"), TestBytes.Random(4000, 1));
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddTftpServer(o => { o.ListenAddress = "127.0.0.1"; o.Port = 0; o.RootDirectory = root; });
            await using var provider = services.BuildServiceProvider();
            var hosted = provider.GetServices<IHostedService>().Single();
            await hosted.StartAsync(default);
            var server = provider.GetRequiredService<TftpServer>();

            using var destination = new MemoryStream();
            await new TftpClient().GetAsync(server.LocalEndPoint!, "ipxe.efi", destination);

            Assert.Equal(4000, destination.Length);
            await hosted.StopAsync(default);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AddTftpServer_WithoutRootOrProvider_FailsValidationNamingTheField()
    {
        var services = new ServiceCollection();
        services.AddTftpServer(o => o.Port = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TftpServerOptions>>().Value);

        Assert.Contains("Tftp:RootDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTftpServer_WithBadLimits_ListsEveryField()
    {
        var services = new ServiceCollection();
        services.AddTftpServer(o => { o.RootDirectory = "/nonexistent-bmtf"; o.MaxBlockSize = 70000; o.MaxConcurrentTransfers = 0; });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TftpServerOptions>>().Value);

        Assert.Contains("Tftp:MaxBlockSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tftp:MaxConcurrentTransfers", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tftp:RootDirectory '/nonexistent-bmtf' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTftpServer_WithAHostProvider_NeedsNoRoot()
    {
        var files = new InMemoryTftpFileProvider();
        files.Set("menu.ipxe", "#!ipxe\n"u8.ToArray());
        var services = new ServiceCollection();
        services.AddSingleton<ITftpFileProvider>(files);
        services.AddTftpServer(o => { o.ListenAddress = "127.0.0.1"; o.Port = 0; });
        await using var provider = services.BuildServiceProvider();
        var server = provider.GetRequiredService<TftpServer>();
        await server.StartAsync();

        using var destination = new MemoryStream();
        await new TftpClient().GetAsync(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint!.Port), "menu.ipxe", destination);

        Assert.Equal("#!ipxe\n"u8.ToArray(), destination.ToArray());
    }
}
