using BareMetal.Images;

namespace BareMetal.LabAgent.Actions;

/// <summary>The agent's actions as the in-memory OS runs them.</summary>
public static class AgentActions
{
    /// <summary>Every action, over the real system.</summary>
    /// <param name="imageHttp">An HttpClient without a total timeout (image and OCI layer downloads).</param>
    /// <returns>The registry.</returns>
    public static ActionRegistry Create(HttpClient imageHttp) => new(
    [
        new StreamImageAction(new ImageStreamClient(imageHttp)),
        new ReportAction(),
        new PartitionAction(),
        new ExecAction(),
        new WriteFileAction(),
        new FactsAction(),
    ]);
}
