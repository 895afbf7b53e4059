using Akka.TestKit;

namespace SolarHub.Core.Tests.Support;

public static class ProbeExtensions
{
    /// <summary>Everything already in the probe's queue (no waiting), of type <typeparamref name="T"/>.</summary>
    public static List<T> Drain<T>(this TestProbe probe)
    {
        var messages = new List<T>();
        while (probe.HasMessages)
            if (probe.ReceiveOne(TimeSpan.Zero) is T message) messages.Add(message);
        return messages;
    }
}
