namespace BareMetal.Redfish.Http;

/// <summary>One whole answer: status, body and the few headers the client acts on (never the auth token's value in logs).</summary>
internal sealed record RedfishResponse(int StatusCode, byte[] Body, string? Location, string? ETag, string? AuthToken, TimeSpan? RetryAfter);
