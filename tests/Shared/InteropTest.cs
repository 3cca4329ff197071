using Xunit.Abstractions;
using Xunit.Sdk;

namespace BareMetal.Testing;

/// <summary>
/// What marks an interop test: it creates network namespaces or starts peers (dhclient, dnsmasq, atftpd, QEMU ...)
/// that need root. Every such test carries the trait <c>Category=Interop</c>, so
/// <c>dotnet test --filter "Category!=Interop"</c> runs everything else without root, and it is skipped, with
/// <see cref="SkipReason"/>, where the process is not root. CI runs as root, so nothing is skipped there.
/// </summary>
public static class InteropTest
{
    /// <summary>The trait's name.</summary>
    public const string TraitName = "Category";

    /// <summary>The trait's value.</summary>
    public const string TraitValue = "Interop";

    /// <summary>True when this process can create namespaces and start the peers (it runs as root).</summary>
    public static bool CanRun => NetworkNamespaces.IsRoot;

    /// <summary>Why an interop test does not run here, or <see langword="null"/> when it does.</summary>
    public static string? SkipReason => CanRun
        ? null
        : "Interop test: needs root to create network namespaces and run peers in them (CI runs as root). "
          + "Run it as root, or leave it out with --filter \"Category!=Interop\".";
}

/// <summary>A <see cref="FactAttribute"/> for an interop test: trait <c>Category=Interop</c>, skipped without root.</summary>
[TraitDiscoverer("BareMetal.Testing.InteropTraitDiscoverer", TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InteropFactAttribute : FactAttribute, ITraitAttribute
{
    /// <summary>Skips the test (with the reason) when the process is not root.</summary>
    public InteropFactAttribute() => Skip = InteropTest.SkipReason!;
}

/// <summary>A <see cref="TheoryAttribute"/> for an interop test: trait <c>Category=Interop</c>, skipped without root.</summary>
[TraitDiscoverer("BareMetal.Testing.InteropTraitDiscoverer", TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InteropTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    /// <summary>Skips every row (with the reason) when the process is not root.</summary>
    public InteropTheoryAttribute() => Skip = InteropTest.SkipReason!;
}

/// <summary>Gives <see cref="InteropFactAttribute"/> and <see cref="InteropTheoryAttribute"/> their trait.</summary>
public sealed class InteropTraitDiscoverer : ITraitDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>(InteropTest.TraitName, InteropTest.TraitValue);
    }
}
