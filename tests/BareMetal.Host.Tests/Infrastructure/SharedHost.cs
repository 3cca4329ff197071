namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>The test classes that share one running host.</summary>
[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<HostFixture>
{
    public const string Name = "running host";
}
