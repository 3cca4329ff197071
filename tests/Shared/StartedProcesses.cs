using System.Diagnostics;

namespace BareMetal.Testing;

/// <summary>Ends the peer processes a test started (servers, clients) when the test's fixture is disposed.</summary>
public static class StartedProcesses
{
    /// <summary>Kills each process tree that is still running, waits briefly for it, and disposes every handle.</summary>
    public static void StopAll(IEnumerable<Process> processes)
    {
        foreach (var process in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
                // The process ended between the check and the kill: nothing left to stop.
            }

            process.Dispose();
        }
    }
}
