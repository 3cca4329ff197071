using System.Runtime.InteropServices;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions.Oci;

/// <summary>
/// The agent's helper mode for the <c>oci</c> action: <c>baremetal-agent --chroot-exec ROOT WORKDIR -- PROGRAM ARGS...</c>
/// calls chroot(2), chdir(2) and execvp(3), so the image's entrypoint runs with ROOT as "/", in its WorkingDir, with
/// exactly the environment the agent started the helper with. .NET cannot run code between fork and exec, and the
/// chroot(1) tools always chdir to "/", so the agent starts itself to do these three calls.
/// </summary>
public static class ChrootExec
{
    /// <summary>The first argument that selects the helper mode.</summary>
    public const string Flag = "--chroot-exec";

    /// <summary>The arguments that make the agent run <paramref name="argv"/> chrooted.</summary>
    /// <param name="root">The new root.</param>
    /// <param name="workingDirectory">The directory inside it.</param>
    /// <param name="argv">The program and its arguments.</param>
    /// <returns>The helper's arguments.</returns>
    public static IReadOnlyList<string> Arguments(string root, string workingDirectory, IReadOnlyList<string> argv) =>
        [Flag, root, workingDirectory, "--", .. argv];

    /// <summary>Runs the helper mode: never returns on success (the process becomes the program).</summary>
    /// <param name="args">The agent's arguments, starting with <see cref="Flag"/>.</param>
    /// <returns>125 for bad arguments or a failed chroot/chdir, 127 when the program cannot be executed (as env(1) and chroot(1)).</returns>
    public static unsafe int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 5 || args[0] != Flag || args[3] != "--")
        {
            Error($"usage: baremetal-agent {Flag} ROOT WORKDIR -- PROGRAM [ARGS...]");
            return 125;
        }

        if (Libc.Chroot(args[1]) != 0)
        {
            Error($"chroot {args[1]}: {Libc.LastError()}");
            return 125;
        }

        if (Libc.Chdir(args[2]) != 0)
        {
            Error($"chdir {args[2]} inside the image: {Libc.LastError()}");
            return Exit(125);
        }

        var argv = args[4..];
        var pointers = new nint[argv.Length + 1];
        for (var i = 0; i < argv.Length; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        }

        fixed (nint* p = pointers)
        {
            Libc.Execvp((byte*)pointers[0], (byte**)p);
        }

        // Only reached when execvp failed: the program is missing or not executable inside the image.
        Error($"exec {argv[0]} inside the image: {Libc.LastError()}");
        return Exit(127);
    }

    /// <summary>
    /// Ends the helper with <paramref name="status"/> through _exit(2): after chroot(2) the runtime's own shutdown may
    /// reach for files outside the new root (a coverage collector's results, diagnostics) and abort the process
    /// (status 134) instead of reporting the status that was meant.
    /// </summary>
    private static int Exit(int status)
    {
        Libc.Exit(status);
        return status;
    }

    /// <summary>
    /// A line on stderr with write(2): after chroot(2) the runtime can no longer load anything from the agent's
    /// filesystem (System.Console initialises lazily on its first write), so the helper stays away from it.
    /// </summary>
    private static unsafe void Error(string line)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("baremetal-agent: " + line + "\n");
        fixed (byte* p = bytes)
        {
            Libc.Write(2, p, bytes.Length);
        }
    }
}
