using Akka.Actor;
using Akka.Hosting;
using SolarHub.Configuration;

namespace SolarHub.Core.Hosting;

/// <summary>
/// How an actor follows the hub's configuration from its start: it subscribes to <see cref="HubConfigChanged"/> first,
/// then asks the configuration source (found through the ActorRegistry, whenever it registers) for the current one.
/// Whichever arrives first, nothing is missed: the store may publish its recovered configuration before this actor
/// exists. The actor ignores versions it has already applied.
/// </summary>
public static class HubConfigFollowing
{
    public static void Start(IActorContext context)
    {
        var self = context.Self;
        context.System.EventStream.Subscribe(self, typeof(HubConfigChanged));
        // A system without a configuration source never completes this: the follower then lives on published changes alone.
        ActorRegistry.For(context.System).GetAsync<HubConfigSourceKey>().ContinueWith(found =>
        {
            if (found.IsCompletedSuccessfully) found.Result.Tell(GetCurrentHubConfig.Instance, self);
        }, TaskContinuationOptions.ExecuteSynchronously);
    }
}
