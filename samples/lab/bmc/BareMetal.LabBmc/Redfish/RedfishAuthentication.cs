using System.Net.Http.Headers;
using System.Text;

namespace BareMetal.LabBmc.Redfish;

/// <summary>
/// DSP0266 §13.3: every resource but the service root, the OData documents and session creation needs either
/// an <c>X-Auth-Token</c> of a live session or HTTP basic credentials.
/// </summary>
public sealed class RedfishAuthentication(RequestDelegate next, SessionStore sessions, ILogger<RedfishAuthentication> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? string.Empty;
        var anonymous = path is "/redfish" or "/redfish/v1" or "/redfish/v1/odata" or "/redfish/v1/$metadata"
            || (path == "/redfish/v1/SessionService/Sessions" && HttpMethods.IsPost(context.Request.Method));
        if (anonymous || !path.StartsWith("/redfish", StringComparison.Ordinal) || IsAuthenticated(context))
        {
            await next(context);
            return;
        }

        BmcLog.Unauthorized(logger, context.Request.Method, path);
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"baremetal-lab-bmc\"";
        await RedfishJson.Error(401, "NoValidSession", "There is no valid session established with the implementation.", "Establish a session before attempting any operations.")
            .ExecuteAsync(context);
    }

    private bool IsAuthenticated(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue("X-Auth-Token", out var token) && token.Count == 1 && sessions.FindByToken(token[0]!) is not null)
        {
            return true;
        }

        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 && sessions.CheckPassword(pair[..colon], pair[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return false;
    }
}
