using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;

namespace SolarHub.Core.Tests.Banks;

/// <summary>Adapter trackers in a given state for the bank's plain classes, without an actor system.</summary>
internal static class Trackers
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static AdapterConfig Config(string id, int port = 1, int priority = 1, bool enabled = true) =>
        new(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", port), priority, enabled);

    /// <summary>A tracker that is not running (as a bank creates it).</summary>
    public static AdapterTracker Stopped(string id, int rank) => new(Config(id, port: rank + 1), rank);

    /// <summary>A running tracker moved to <paramref name="state"/> at <paramref name="at"/>.</summary>
    public static AdapterTracker In(string id, int rank, AdapterState state, DateTimeOffset? at = null)
    {
        var t = Stopped(id, rank);
        Run(t, at ?? T0);
        if (state is AdapterState.Receiving or AdapterState.Healthy) t.Connected(at ?? T0);
        t.MoveTo(state, $"test put it in {state}", "bank", at ?? T0);
        return t;
    }

    /// <summary>Marks a tracker running the way the bank does when it starts its child (ActorRefs.Nobody stands for the child).</summary>
    public static void Run(AdapterTracker t, DateTimeOffset at)
    {
        t.Child = ActorRefs.Nobody;
        t.StartedAt = at;
    }

    public static void Read(AdapterTracker t, DateTimeOffset at, params byte[] packs)
    {
        foreach (var address in packs) t.Reading(address, Readings.For(address), at);
    }
}
