using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace BareMetal.Grub.Tests;

/// <summary>
/// Runs GRUB itself on a configuration: <c>grub-script-check</c> (GRUB's own parser, package grub-common) and
/// <c>grub-emu</c> (GRUB built as a user-space program, package grub-emu), which executes the configuration with
/// GRUB's real lexer, parser and commands and prints what its <c>echo</c> commands print.
/// </summary>
internal static partial class RealGrub
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Runs grub-script-check on the text; returns its exit code and what it printed.</summary>
    public static (int ExitCode, string Output) ScriptCheck(string config)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, config, new UTF8Encoding(false));
            return Run("grub-script-check", [file], null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Runs <paramref name="config"/> in grub-emu (it must end with <c>reboot</c>, which makes grub-emu exit) and
    /// returns the lines it printed, without terminal colour sequences.
    /// </summary>
    public static IReadOnlyList<string> Emulate(string config)
    {
        var directory = Directory.CreateTempSubdirectory("bm-grub-emu-");
        try
        {
            // grub-emu reads $prefix/grub.cfg and loads its modules from $prefix/x86_64-emu.
            File.CreateSymbolicLink(Path.Combine(directory.FullName, "x86_64-emu"), "/usr/lib/grub/x86_64-emu");
            File.WriteAllText(Path.Combine(directory.FullName, "grub.cfg"), config, new UTF8Encoding(false));
            var (exitCode, output) = Run("grub-emu", ["-r", "host", "-d", directory.FullName], directory.FullName);
            Assert.True(exitCode == 0, $"grub-emu exited with {exitCode}:\n{output}");
            return Colour().Replace(output, string.Empty)
                .Split('\n')
                .Select(line => line.Trim('\r'))
                .ToList();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {Limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Colour();
}
