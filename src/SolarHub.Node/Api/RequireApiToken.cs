using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SolarHub.Node.Api;

/// <summary>Endpoint filter of every state-changing endpoint: 403 when no token is configured, 401 without the right bearer token.</summary>
public sealed class RequireApiToken : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = http.RequestServices.GetRequiredService<ApiToken>();
        if (!token.IsConfigured)
            return ApiErrors.Result(StatusCodes.Status403Forbidden,
                $"state-changing endpoints are off: no API token is configured (use 'solarhub run --api-token-file <path>', the environment variable {ApiToken.EnvironmentVariable}, or HOCON {ApiToken.HoconPath})");

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        string? presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        if (!token.Matches(presented))
        {
            // RFC 6750 3.1: no credentials get the scheme alone; wrong ones get error="invalid_token".
            http.Response.Headers.WWWAuthenticate = presented is null
                ? "Bearer realm=\"solarhub\""
                : "Bearer realm=\"solarhub\", error=\"invalid_token\", error_description=\"wrong bearer token\"";
            return ApiErrors.Result(StatusCodes.Status401Unauthorized,
                presented is null ? "missing bearer token: send 'Authorization: Bearer <token>'" : "wrong bearer token");
        }
        return await next(context);
    }
}
