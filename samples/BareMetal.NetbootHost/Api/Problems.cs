namespace BareMetal.NetbootHost.Api;

/// <summary>RFC 9457 problem-details answers with the words the API documentation uses.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Unauthorized(HttpContext context, string detail)
    {
        // RFC 6750 section 3: a 401 names the scheme the client has to use.
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"baremetal-host\"";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}
