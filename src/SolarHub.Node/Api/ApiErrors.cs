using Microsoft.AspNetCore.Http;

namespace SolarHub.Node.Api;

/// <summary>Every error of the API is <c>{"error":"..."}</c> with a message that names what was wrong.</summary>
public static class ApiErrors
{
    public static IResult Result(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    public static IResult NoBank(string bankId) => Result(StatusCodes.Status404NotFound, $"no bank '{bankId}'");

    public static IResult NoAdapter(string bankId, string adapterId) => Result(StatusCodes.Status404NotFound, $"no adapter '{adapterId}' in bank '{bankId}'");

    public static IResult Unavailable(string message) => Result(StatusCodes.Status503ServiceUnavailable, message);
}
