using System.Diagnostics;
using Akka.Actor;

namespace SolarHub.Bench;

/// <summary>
/// A subscriber of the event stream that hands every event to a callback with the Stopwatch timestamp of its
/// arrival, taken first thing in the actor. The callback runs on the probe's actor thread: keep it short and thread-safe.
/// </summary>
public sealed class EventProbe : ReceiveActor
{
    public EventProbe(Action<object, long> onEvent) => ReceiveAny(message => onEvent(message, Stopwatch.GetTimestamp()));

    public static Props Props(Action<object, long> onEvent) => Akka.Actor.Props.Create(() => new EventProbe(onEvent));
}
