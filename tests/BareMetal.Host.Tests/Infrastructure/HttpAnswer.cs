using System.Text.Json;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// An HTTP answer as the tests read it, whoever fetched it (curl in a namespace, or an in-process client):
/// status, media type, body text and the raw header lines ("Name: value", one a line).
/// </summary>
internal sealed record HttpAnswer(int Status, string ContentType, string Body, string Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
