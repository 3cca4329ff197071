using System.Diagnostics;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>Runs a real tool (sfdisk, sgdisk, losetup, mkfs, debugfs...) and returns what it printed.</summary>
internal static class Tool
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs and asserts exit code 0; returns standard output.</summary>
    public static string Ok(string file, params string[] arguments)
    {
        var (code, stdout, stderr) = Run(file, arguments);
        Assert.True(code == 0, $"{file} {string.Join(' ', arguments)} exited with {code}: {stderr}{stdout}");
        return stdout;
    }
}

/// <summary>A directory under /tmp removed at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "h17-agent-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A mount the test could not remove keeps its directory; the failure is reported by the test itself.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A loop device over a sparse file, with partition scanning (<c>losetup -P</c>); detached at the end.</summary>
internal sealed class LoopDevice : IDisposable
{
    public LoopDevice(string backingFile, long size)
    {
        using (var f = System.IO.File.Create(backingFile))
        {
            f.SetLength(size);
        }

        Path = Tool.Ok("losetup", "--find", "--show", "--partscan", backingFile).Trim();
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public void Dispose() => Tool.Run("losetup", "--detach", Path);
}

/// <summary>Builds an <see cref="BareMetal.LabAgent.Actions.ActionContext"/> from a parameters JSON object.</summary>
internal static class Contexts
{
    public static BareMetal.LabAgent.Actions.ActionContext For(string type, string parametersJson, int? timeout = null, BareMetal.LabAgent.Actions.ActionLog? log = null)
    {
        var action = new BareMetal.LabAgent.WorkflowAction
        {
            Index = 3,
            Type = type,
            Parameters = System.Text.Json.JsonDocument.Parse(parametersJson).RootElement.Clone(),
            Timeout = timeout,
        };
        return new BareMetal.LabAgent.Actions.ActionContext(action, log ?? new BareMetal.LabAgent.Actions.ActionLog());
    }
}
