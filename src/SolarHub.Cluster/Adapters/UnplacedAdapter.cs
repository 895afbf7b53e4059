using Akka.Actor;
using SolarHub.Core.Adapters;

namespace SolarHub.Cluster.Adapters;

/// <summary>
/// A bank's child for a serial adapter that names no node in a cluster: it opens nothing and tells the bank why, as a
/// fault, every <c>remote-adapter-retry</c>, so the adapter shows as failing with the fix in its reason.
/// </summary>
public sealed class UnplacedAdapter : ReceiveActor, IWithTimers
{
    private sealed record Report;

    public UnplacedAdapter(string adapterId, IActorRef bank, TimeSpan retry)
    {
        Receive<Report>(_ =>
        {
            bank.Tell(new AdapterFaulted(adapterId,
                $"a serial adapter in a cluster must name the node its port is attached to (solarhub config adapter node <bank> {adapterId} <node>)"));
            Timers.StartSingleTimer("report", new Report(), retry);
        });
        ReceiveAny(_ => { });
    }

    public static Props Props(string adapterId, IActorRef bank, TimeSpan retry) => Akka.Actor.Props.Create(() => new UnplacedAdapter(adapterId, bank, retry));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Self.Tell(new Report());
}
