using System.Text.Json;
using System.Text.RegularExpressions;

namespace BareMetal.LabBmc.Configuration;

/// <summary>Reads and checks the configuration; every error names the file, the field and the fix.</summary>
public static partial class BmcConfigurationLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads <paramref name="path"/>; throws <see cref="InvalidDataException"/> with a fix for every problem.</summary>
    public static BmcConfiguration Load(string path)
    {
        BmcConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<BmcConfiguration>(File.ReadAllText(path), Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: {exception.Message} (fields are camelCase, see samples/lab/bmc/README.md)", exception);
        }

        if (configuration is null)
        {
            throw new InvalidDataException($"{path}: the file is empty; write a JSON object with 'machines'.");
        }

        Validate(configuration, path);
        return configuration;
    }

    /// <summary>Checks a configuration; <paramref name="source"/> names it in messages.</summary>
    public static void Validate(BmcConfiguration configuration, string source)
    {
        var problems = new List<string>();
        if (!System.Net.IPEndPoint.TryParse(configuration.Listen, out _))
        {
            problems.Add($"listen '{configuration.Listen}' is not IP:port (for example 127.0.0.1:8443)");
        }

        if (configuration.PasswordFile is null && configuration.PasswordEnvironment is null)
        {
            problems.Add("set passwordFile or passwordEnvironment (the password is never written in this file)");
        }

        if (configuration.Machines.Count == 0)
        {
            problems.Add("machines is empty; add at least one machine");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (machine, index) in configuration.Machines.Select((m, i) => (m, i)))
        {
            var where = $"machines[{index}]";
            if (!IdPattern().IsMatch(machine.Id))
            {
                problems.Add($"{where}.id '{machine.Id}' must be 1-32 letters, digits, '-' or '_'");
            }
            else if (!ids.Add(machine.Id))
            {
                problems.Add($"{where}.id '{machine.Id}' is used twice");
            }

            if (machine.ControlledBy is not ("redfish" or "ipmi"))
            {
                problems.Add($"{where}.controlledBy '{machine.ControlledBy}' must be 'redfish' or 'ipmi'");
            }

            if (machine.Firmware is not ("bios" or "uefi"))
            {
                problems.Add($"{where}.firmware '{machine.Firmware}' must be 'bios' or 'uefi'");
            }

            if (machine.DefaultBoot is not ("Hdd" or "Pxe"))
            {
                problems.Add($"{where}.defaultBoot '{machine.DefaultBoot}' must be 'Hdd' or 'Pxe'");
            }

            if (machine.Nic is { } nic && !MacPattern().IsMatch(nic.Mac))
            {
                problems.Add($"{where}.nic.mac '{nic.Mac}' must look like 52:54:00:12:34:56");
            }

            if (machine.Disk is { } disk && string.IsNullOrEmpty(disk.Path))
            {
                problems.Add($"{where}.disk.path is empty; give the image file or remove 'disk'");
            }

            if (machine.Arguments.Any(a => a is "-qmp" or "-name" or "-boot"))
            {
                problems.Add($"{where}.arguments must not hold -qmp, -name or -boot: the emulator sets them");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: " + string.Join("; ", problems));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$")]
    private static partial Regex MacPattern();
}
