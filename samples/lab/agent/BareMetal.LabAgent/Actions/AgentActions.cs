using BareMetal.Images;
using BareMetal.LabAgent.Actions.Power;

namespace BareMetal.LabAgent.Actions;

/// <summary>The agent's actions as the in-memory OS runs them.</summary>
public static class AgentActions
{
    /// <summary>Every action, over the real system.</summary>
    /// <param name="imageHttp">An HttpClient without a total timeout (image, kernel and OCI layout downloads).</param>
    /// <param name="power">The system calls that end the OS (default: the real ones).</param>
    /// <returns>The registry.</returns>
    public static ActionRegistry Create(HttpClient imageHttp, ISystemPower? power = null)
    {
        power ??= new LinuxSystemPower();
        return new(
        [
            new StreamImageAction(new ImageStreamClient(imageHttp)),
            new ReportAction(),
            new PartitionAction(),
            new ExecAction(imageHttp),
            new WriteFileAction(),
            new FactsAction(),
            new RebootAction(power),
            new PoweroffAction(power),
            new KexecAction(power, imageHttp),
            new OciAction(imageHttp),
        ]);
    }
}
