using Akka.Actor;
using Microsoft.AspNetCore.Http;

namespace SolarHub.Node.Api;

/// <summary>An actor that does not answer in time (a bank stalled, the registry busy) is a 503 with its reason, not a 500.</summary>
public sealed class ActorTimeoutFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (AskTimeoutException e)
        {
            return ApiErrors.Unavailable($"the hub did not answer in time: {e.Message}");
        }
    }
}
