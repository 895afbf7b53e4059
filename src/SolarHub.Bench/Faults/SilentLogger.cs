using Akka.Actor;
using Akka.Event;

namespace SolarHub.Bench.Faults;

/// <summary>
/// An Akka logger that prints nothing: a fault row needs warnings on the event stream (to count the ones that carry an
/// exception) without the hub's expected fault warnings drowning the bench's progress lines. A plain mailbox, not
/// Akka's logger mailbox: that one prints on stdout whatever is left in it when the system shuts down.
/// </summary>
public sealed class SilentLogger : ReceiveActor
{
    public SilentLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        ReceiveAny(_ => { });
    }
}
