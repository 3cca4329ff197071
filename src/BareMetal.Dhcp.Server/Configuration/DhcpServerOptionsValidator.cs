using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>
/// Checks <see cref="DhcpServerOptions"/> once, at start (<c>ValidateOnStart</c>); each failure names the field and the
/// fix. Checking is compiling: the compiled configuration is kept for the engine, so the options are parsed once.
/// </summary>
internal sealed class DhcpServerOptionsValidator : IValidateOptions<DhcpServerOptions>
{
    // Keyed by the options instance IOptions<T>.Value hands out (one per name for the host's lifetime).
    private readonly ConditionalWeakTable<DhcpServerOptions, DhcpServerConfiguration> _compiled = [];

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DhcpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!DhcpServerConfiguration.TryCreate(options, out var configuration, out var errors))
        {
            return ValidateOptionsResult.Fail(errors);
        }

        _compiled.AddOrUpdate(options, configuration!);
        return ValidateOptionsResult.Success;
    }

    /// <summary>The configuration compiled when <paramref name="options"/> were validated (compiled now if they were not).</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public DhcpServerConfiguration Compiled(DhcpServerOptions options)
    {
        if (_compiled.TryGetValue(options, out var configuration))
        {
            return configuration;
        }

        var result = Validate(Options.DefaultName, options);
        return result.Succeeded
            ? _compiled.GetValue(options, static _ => throw new UnreachableException())
            : throw new OptionsValidationException(Options.DefaultName, typeof(DhcpServerOptions), result.Failures);
    }
}
