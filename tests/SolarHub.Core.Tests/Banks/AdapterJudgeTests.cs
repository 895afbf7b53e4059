using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class AdapterJudgeTests
{
    private static readonly BankTimings Timings = BankTimings.Default;
    private static readonly TimeSpan Step = Timings.HeartbeatInterval;
    private static readonly byte[] Packs = [1, 2, 3];

    private readonly AdapterJudge _judge = new(Timings);

    /// <summary>A window whose previous tick was one step before <paramref name="now"/>, with no stall.</summary>
    private static JudgingWindow TickedAt(DateTimeOffset now)
    {
        var window = new JudgingWindow(Step);
        window.Tick(now - Step);
        window.Tick(now);
        return window;
    }

    private AdapterVerdict Judge(AdapterTracker t, DateTimeOffset now) => _judge.OnTick(t, Packs, TickedAt(now), now);

    [Theory]
    [InlineData(AdapterState.Restarting)]
    [InlineData(AdapterState.Failed)]
    public void An_adapter_in_backoff_is_left_to_its_supervisor_however_long_it_is_quiet(AdapterState state)
    {
        Judge(In("a", 0, state), T0 + TimeSpan.FromHours(1)).Should().Be(AdapterVerdict.Nothing);
    }

    [Fact]
    public void A_loop_that_stops_beating_is_dead_just_past_the_heartbeat_timeout()
    {
        var t = In("a", 0, AdapterState.Receiving);
        t.Heartbeat(T0, 0, 0, 0);

        Judge(t, T0 + Timings.HeartbeatTimeout).Finding.Should().NotBe(AdapterFinding.LoopDead, "exactly at the timeout is still alive");
        Judge(t, T0 + Timings.HeartbeatTimeout + TimeSpan.FromMilliseconds(100))
            .Should().Be(new AdapterVerdict(AdapterFinding.LoopDead, "loop dead: no heartbeat for 1.6 s", AskForHeartbeat: false));
    }

    [Fact]
    public void A_loop_that_never_beat_is_judged_from_its_start()
    {
        var t = In("a", 0, AdapterState.Connecting);
        t.LastHeartbeat.Should().BeNull();

        Judge(t, T0 + Timings.HeartbeatTimeout).Finding.Should().Be(AdapterFinding.None);
        Judge(t, T0 + Timings.HeartbeatTimeout * 2).Finding.Should().Be(AdapterFinding.LoopDead);
    }

    [Fact]
    public void A_stall_of_the_bank_is_not_blamed_on_the_adapter()
    {
        var t = In("a", 0, AdapterState.Healthy);
        Read(t, T0, Packs);
        var window = new JudgingWindow(Step);
        window.Tick(T0);
        var afterStall = T0 + TimeSpan.FromSeconds(30);
        window.Tick(afterStall);

        _judge.OnTick(t, Packs, window, afterStall).Finding.Should().Be(AdapterFinding.None, "neither its heartbeat nor its data counts as late across the stall");

        var later = afterStall + Timings.DataDeadline + Step;
        t.Heartbeat(later, 0, 0, 0);
        _judge.OnTick(t, Packs, window, later).Finding.Should().Be(AdapterFinding.Silent, "silence after the stall counts");
    }

    [Fact]
    public void A_connected_adapter_without_a_valid_frame_past_the_data_deadline_is_silent_though_its_loop_beats()
    {
        var t = In("a", 0, AdapterState.Healthy);
        Read(t, T0, Packs);
        var now = T0 + Timings.DataDeadline + TimeSpan.FromMilliseconds(100);
        t.Heartbeat(now, 0, 0, 0);

        Judge(t, now).Should().Be(new AdapterVerdict(AdapterFinding.Silent, "no valid frame for 2.1 s", AskForHeartbeat: false));
    }

    [Fact]
    public void A_connecting_adapter_is_not_judged_by_its_data()
    {
        var t = In("a", 0, AdapterState.Connecting);
        var now = T0 + Timings.DataDeadline * 3;
        t.Heartbeat(now, 0, 0, 0);

        Judge(t, now).Should().Be(AdapterVerdict.Nothing);
    }

    [Fact]
    public void A_receiving_adapter_with_every_pack_is_healthy_and_one_with_some_only_after_the_grace()
    {
        var complete = In("a", 0, AdapterState.Receiving);
        Read(complete, T0, Packs);
        complete.Heartbeat(T0, 0, 0, 0);
        _judge.BecomesHealthy(complete, Packs, T0).Should().BeTrue();
        Judge(complete, T0).Should().Be(new AdapterVerdict(AdapterFinding.CompleteSet, "fresh data for every pack that answers", AskForHeartbeat: false));

        var partial = In("b", 1, AdapterState.Receiving);
        Read(partial, T0, 1, 2);
        _judge.HasCompleteSet(partial, Packs, T0 + Timings.CompleteSetGrace - TimeSpan.FromTicks(1)).Should().BeFalse();
        _judge.HasCompleteSet(partial, Packs, T0 + Timings.CompleteSetGrace).Should().BeTrue("a pack missing on the bus must not keep every adapter unhealthy");

        _judge.HasCompleteSet(In("c", 2, AdapterState.Receiving), Packs, T0 + TimeSpan.FromHours(1)).Should().BeFalse("no frame at all is never a set");
        _judge.BecomesHealthy(In("d", 3, AdapterState.Healthy), Packs, T0).Should().BeFalse("it is healthy already");
    }

    [Fact]
    public void A_loop_that_decoded_nothing_since_the_previous_tick_is_asked_to_beat()
    {
        var t = In("a", 0, AdapterState.Connecting);
        var now = T0 + Step * 2;

        t.Heartbeat(now - Step, 0, 0, 0);
        Judge(t, now).Should().Be(new AdapterVerdict(AdapterFinding.None, "", AskForHeartbeat: true), "its last beat is the previous tick's");

        t.Heartbeat(now - Step + TimeSpan.FromMilliseconds(1), 0, 0, 0);
        Judge(t, now).Should().Be(AdapterVerdict.Nothing, "it beat since the previous tick");
    }

    [Fact]
    public void A_quiet_adapter_that_just_became_healthy_is_still_asked_to_beat()
    {
        var t = In("a", 0, AdapterState.Receiving);
        Read(t, T0, Packs);

        Judge(t, T0 + Step).Should().Be(new AdapterVerdict(AdapterFinding.CompleteSet, "fresh data for every pack that answers", AskForHeartbeat: true));
    }
}
