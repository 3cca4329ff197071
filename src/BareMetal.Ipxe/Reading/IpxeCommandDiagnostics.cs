namespace BareMetal.Ipxe;

/// <summary>Messages for command-level errors, each naming the fix.</summary>
internal static class IpxeCommandDiagnostics
{
    public static IpxeDiagnostic ForOptionError(IpxeCommand command)
    {
        var definition = command.Definition!;
        var token = command.OptionErrorToken;
        var position = token?.Position ?? command.Position;
        var usage = definition.FormatUsage();
        return command.OptionError switch
        {
            IpxeOptionError.UnknownOption => new(
                IpxeDiagnosticCode.UnknownOption,
                IpxeSeverity.Error,
                position,
                $"'{definition.Name}' has no option '{token}'; the command fails. Remove it or use one of: {usage}."),
            IpxeOptionError.MissingValue => new(
                IpxeDiagnosticCode.MissingOptionValue,
                IpxeSeverity.Error,
                position,
                $"The option '{token}' of '{definition.Name}' needs a value (iPXE does not take a next token starting with '-' as one); write '{token}=value' or '{token} value'."),
            IpxeOptionError.UnexpectedValue => new(
                IpxeDiagnosticCode.UnexpectedOptionValue,
                IpxeSeverity.Error,
                position,
                $"The option '{token}' of '{definition.Name}' is a flag and takes no value; remove the '=...'."),
            IpxeOptionError.Help => new(
                IpxeDiagnosticCode.HelpOption,
                IpxeSeverity.Error,
                position,
                $"'{token}' makes '{definition.Name}' print its usage and fail, which stops the script; remove it."),
            _ => new(
                IpxeDiagnosticCode.ArgumentCount,
                IpxeSeverity.Error,
                position,
                $"'{definition.Name}' takes {FormatRange(definition)} after its options but has {command.ArgumentCount}; the command fails. Usage: {usage}."),
        };
    }

    private static string FormatRange(IpxeCommandDefinition definition) =>
        definition.MaxArguments == IpxeCommandDefinition.Unlimited ? $"at least {definition.MinArguments} argument(s)"
        : definition.MinArguments == definition.MaxArguments ? $"exactly {definition.MinArguments} argument(s)"
        : $"{definition.MinArguments} to {definition.MaxArguments} argument(s)";
}
