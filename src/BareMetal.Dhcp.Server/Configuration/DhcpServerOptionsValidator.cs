using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>Checks <see cref="DhcpServerOptions"/> at start; each failure names the field and the fix.</summary>
public sealed class DhcpServerOptionsValidator : IValidateOptions<DhcpServerOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DhcpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DhcpServerConfiguration.TryCreate(options, out _, out var errors)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors);
    }
}
