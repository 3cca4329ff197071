using System.Globalization;
using System.Text;

namespace BareMetal.Redfish;

/// <summary>
/// Why a Redfish operation failed: a kind, the HTTP status when there was one, the resource, a summary and the
/// BMC's own messages. Built only from answers and request paths, never from headers, so it holds no credentials.
/// </summary>
public sealed class RedfishError
{
    /// <summary>Creates an error.</summary>
    public RedfishError(RedfishErrorKind kind, string summary, string? resource = null, int? statusCode = null, IReadOnlyList<RedfishMessage>? messages = null)
    {
        Kind = kind;
        Summary = summary;
        Resource = resource;
        StatusCode = statusCode;
        Messages = messages ?? [];
    }

    /// <summary>True when no connection was made at all, so the BMC cannot have acted on the request (POST may be retried).</summary>
    internal bool NeverConnected { get; init; }

    /// <summary>What went wrong.</summary>
    public RedfishErrorKind Kind { get; }

    /// <summary>The library's own one-line description.</summary>
    public string Summary { get; }

    /// <summary>The path of the resource the request went to, when there was one.</summary>
    public string? Resource { get; }

    /// <summary>The HTTP status of the answer, when one arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The BMC's <c>@Message.ExtendedInfo</c> entries (or the error's <c>message</c>), in its order.</summary>
    public IReadOnlyList<RedfishMessage> Messages { get; }

    /// <summary>The BMC's first message text, or <see cref="Summary"/> when the BMC said nothing.</summary>
    public string Message => Messages.FirstOrDefault(m => !string.IsNullOrEmpty(m.Message))?.Message ?? Summary;

    /// <summary>Kind, status, resource, summary and the BMC's messages on one line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Kind.ToString());
        if (StatusCode is { } status)
        {
            text.Append(CultureInfo.InvariantCulture, $" (HTTP {status})");
        }

        if (Resource is not null)
        {
            text.Append(" at ").Append(Resource);
        }

        text.Append(": ").Append(Summary);
        foreach (var message in Messages)
        {
            text.Append(" | ");
            if (message.MessageId is not null)
            {
                text.Append(message.MessageId).Append(": ");
            }

            text.Append(message.Message);
        }

        return text.ToString();
    }
}
