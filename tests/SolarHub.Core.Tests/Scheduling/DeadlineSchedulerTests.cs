using System.Diagnostics;
using Akka.Actor;
using SolarHub.Core.Scheduling;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Scheduling;

/// <summary>Akka's timers on the <see cref="DeadlineScheduler"/>, in a real actor system and real time (generous deadlines).</summary>
public sealed class DeadlineSchedulerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(DeadlineScheduler.Hocon + "\nakka.log-dead-letters = off", output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    private sealed class Timed : ReceiveActor, IWithTimers
    {
        public Timed(IActorRef probe)
        {
            Receive<string>(m => m == "start", _ =>
            {
                Timers.StartSingleTimer("once", "single", TimeSpan.FromMilliseconds(50));
                Timers.StartPeriodicTimer("every", "periodic", TimeSpan.FromMilliseconds(20));
                Timers.StartSingleTimer("cancelled", "never", TimeSpan.FromMilliseconds(30));
                Timers.Cancel("cancelled");
            });
            Receive<string>(m => m == "stop-periodic", _ => Timers.Cancel("every"));
            ReceiveAny(m => probe.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private DeadlineScheduler Scheduler => Sys.Scheduler.Should().BeOfType<DeadlineScheduler>("the setting names it").Subject;

    [Fact]
    public void Its_clock_is_akkas_own()
    {
        AkkaClock.IsAkkas.Should().BeTrue("Akka's deadlines read Akka.Util.MonotonicClock directly; the scheduler's must agree with them");
    }

    [Fact]
    public void A_message_comes_once_its_delay_has_passed_never_before()
    {
        var clock = Stopwatch.StartNew();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(120), TestActor, "later", ActorRefs.NoSender);

        ExpectMsg("later", Generous);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(120));
    }

    [Fact]
    public void An_actors_timers_fire_repeat_and_stay_quiet_once_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Timed(TestActor)));
        actor.Tell("start");

        var first = ReceiveN(6, Generous).Cast<string>().ToList();
        first.Should().Contain("single").And.Contain("periodic").And.NotContain("never");
        first.Count(m => m == "periodic").Should().BeGreaterThanOrEqualTo(4);
        actor.Tell("stop-periodic");
        // What was already on its way may still come; then nothing more.
        ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_cancelled_repetition_stops()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", ActorRefs.NoSender);
        ReceiveN(3, Generous);

        cancelable.Cancel();

        // What was delivered before the cancel may still be queued here (a loaded machine); then nothing more comes.
        ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void An_actor_system_with_nothing_due_lets_it_sleep()
    {
        // Akka's own scheduler ticks 100 times a second regardless; this one wakes only for what is due.
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(10), TestActor, "settled", ActorRefs.NoSender);
        ExpectMsg("settled", Generous);
        long before = Scheduler.Wakeups;

        ExpectNoMsg(TimeSpan.FromSeconds(1));

        (Scheduler.Wakeups - before).Should().BeLessThan(10, "nothing the test scheduled was due");
    }
}
