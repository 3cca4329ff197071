using Microsoft.Extensions.Options;

namespace BareMetal.Images;

/// <summary>Checks <see cref="ImageServerOptions"/> once, at start (<c>ValidateOnStart</c>); each failure names the field and the fix.</summary>
internal sealed class ImageServerOptionsValidator : IValidateOptions<ImageServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ImageServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        options.Validate(errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
