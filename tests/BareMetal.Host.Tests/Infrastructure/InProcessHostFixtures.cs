namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>The in-process host on TestServer, shared by the tests of <see cref="InProcessHostGroup"/>.</summary>
public sealed class InProcessHostFixture : IAsyncLifetime
{
    internal InProcessHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = InProcessHost.Start(HostTransport.TestServer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The in-process host on Kestrel at 127.0.0.1, shared by the tests of <see cref="LoopbackHostGroup"/>.</summary>
public sealed class LoopbackHostFixture : IAsyncLifetime
{
    internal InProcessHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = InProcessHost.Start(HostTransport.Loopback);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The test classes that share one in-process host on TestServer.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessHostGroup : ICollectionFixture<InProcessHostFixture>
{
    public const string Name = "in-process host";
}

/// <summary>The test classes that share one in-process host on a loopback socket.</summary>
[CollectionDefinition(Name)]
public sealed class LoopbackHostGroup : ICollectionFixture<LoopbackHostFixture>
{
    public const string Name = "in-process host on loopback";
}
