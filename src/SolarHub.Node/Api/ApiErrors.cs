using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SolarHub.Node.Api;

/// <summary>Every error of the API is <c>{"error":"..."}</c> with a message that names what was wrong.</summary>
public static class ApiErrors
{
    public static IResult Result(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    public static IResult NoBank(string bankId) => Result(StatusCodes.Status404NotFound, $"no bank '{bankId}'");

    public static IResult NoAdapter(string bankId, string adapterId) => Result(StatusCodes.Status404NotFound, $"no adapter '{adapterId}' in bank '{bankId}'");

    public static IResult Unavailable(string message) => Result(StatusCodes.Status503ServiceUnavailable, message);

    /// <summary>Endpoint metadata of what is only read (health, metrics): other methods are a 405.</summary>
    public static HttpMethodMetadata ReadOnly { get; } = new(["GET", "HEAD"]);

    /// <summary>
    /// Errors that routing answers with an empty body (an unknown path, a method the path does not take) get the API's
    /// <c>{"error":"..."}</c> too. Only empty answers are filled: an application's own error pages stay as they are.
    /// </summary>
    public static IApplicationBuilder UseApiErrorBodies(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            string? message = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"no such endpoint: {http.Request.Method} {http.Request.Path} (docs/api.md lists them)",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not take {http.Request.Method}" +
                    (http.Response.Headers.Allow is { Count: > 0 } allow ? $"; it takes {string.Join(", ", allow.ToString())}" : ""),
                _ => null,
            };
            if (message is not null) await Result(http.Response.StatusCode, message).ExecuteAsync(http);
        });
}
