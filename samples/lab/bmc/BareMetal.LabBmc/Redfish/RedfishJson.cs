using System.Text.Json;
using System.Text.Json.Nodes;

namespace BareMetal.LabBmc.Redfish;

/// <summary>Writing Redfish answers: JSON bodies with OData-Version, and error bodies with @Message.ExtendedInfo (DSP0266 §9.6.1).</summary>
public static class RedfishJson
{
    public static IResult Ok(JsonObject body, int status = 200, string? etag = null, string? location = null) => new JsonAnswer(body, status, etag, location);

    public static IResult NoContent() => new JsonAnswer(null, 204, null, null);

    public static IResult Error(int status, string messageId, string message, string? resolution = null) =>
        new JsonAnswer(ErrorBody(messageId, message, resolution), status, null, null);

    public static JsonObject ErrorBody(string messageId, string message, string? resolution = null) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = "Base.1.18." + messageId,
            ["message"] = message,
            ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject
            {
                ["@odata.type"] = "#Message.v1_1_2.Message",
                ["MessageId"] = "Base.1.18." + messageId,
                ["Message"] = message,
                ["Severity"] = "Warning",
                ["MessageSeverity"] = "Warning",
                ["Resolution"] = resolution ?? "None.",
            }),
        },
    };

    public static JsonObject Link(string path) => new() { ["@odata.id"] = path };

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    public static JsonObject Collection(string path, string type, string name, IEnumerable<string> members)
    {
        var links = members.Select(m => (JsonNode)Link(m)).ToArray();
        return new JsonObject
        {
            ["@odata.id"] = path,
            ["@odata.type"] = type,
            ["Name"] = name,
            ["Members@odata.count"] = links.Length,
            ["Members"] = new JsonArray(links),
        };
    }

    // ETags hold quotes: write them as " rather than \u0022, as BMCs do.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed class JsonAnswer(JsonObject? body, int status, string? etag, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.Headers["OData-Version"] = "4.0";
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }

            if (location is not null)
            {
                response.Headers.Location = location;
            }

            if (body is not null)
            {
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(body.ToJsonString(WriteOptions), httpContext.RequestAborted);
            }
        }
    }
}
