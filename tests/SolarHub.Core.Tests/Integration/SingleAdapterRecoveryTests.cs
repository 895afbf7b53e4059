using System.Diagnostics;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Integration;

/// <summary>
/// A bank with a single adapter, at the default timings (backoff-max 10 s, data-deadline 2 s), on a real loopback
/// gateway: once its gateway is back, the bank has nothing better to do than try again, so fresh telemetry must
/// follow within about a second however long the gateway was gone, not after a grown backoff.
/// </summary>
[Collection(RealTime.Name)]
public sealed class SingleAdapterRecoveryTests(ITestOutputHelper output) : BankTestKit(output)
{
    private static readonly BankTimings Defaults = BankTimings.Default;
    private readonly ITestOutputHelper _output = output;
    private TcpGatewaySimulator _gateway = null!;

    public override Task InitializeAsync()
    {
        _gateway = StartGateway(PrimaryBus);
        return Task.CompletedTask;
    }

    private async Task StartHealthyAsync()
    {
        StartBank(BankOf(PassiveTcp(Primary, 1, _gateway.LocalEndPoint)), Defaults);
        await UntilAsync(Primary, Primary);
        ClearEvents();
    }

    /// <summary>From now to the first fresh reading of the bank.</summary>
    private TimeSpan TimeToFreshTelemetry()
    {
        ClearEvents();
        var clock = Stopwatch.StartNew();
        Packs.FishForMessage<PackTelemetry>(p => p.AdapterId == Primary && !p.Stale, Generous);
        return clock.Elapsed;
    }

    [Fact]
    public async Task A_refusing_gateway_that_spent_the_restart_budget_is_reconnected_within_a_second_of_coming_back()
    {
        await StartHealthyAsync();
        var endPoint = _gateway.LocalEndPoint;

        _gateway.Faults.ResetConnections();
        await _gateway.DisposeAsync(); // connections refused from now on
        ExpectState(Primary, AdapterState.Failed, TimeSpan.FromSeconds(30)).Reason.Should().Contain("cannot open");
        // Long enough for the exponential backoff to have grown to seconds (3.2 s, then 6.4 s) had it not been capped.
        Failovers.ExpectNoMsg(TimeSpan.FromSeconds(3)); // a single adapter has nothing to fail over to

        _gateway = StartGateway(PrimaryBus, endPoint);
        var recovery = TimeToFreshTelemetry();

        _output.WriteLine($"refused: fresh telemetry {recovery.TotalMilliseconds:0} ms after the gateway came back");
        recovery.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "a bank with no healthy adapter retries at least every down-retry (500 ms)");
        ExpectState(Primary, AdapterState.Healthy);
    }

    public static TheoryData<string> SilentFaults => ["accept-then-silence", "slow drip"];

    [Theory]
    [MemberData(nameof(SilentFaults))]
    public async Task A_gateway_that_connects_but_delivers_no_frame_is_dropped_at_the_data_deadline_and_retried_within_down_retry(string fault)
    {
        await StartHealthyAsync();

        if (fault == "slow drip") _gateway.Faults.Drip(TimeSpan.FromMilliseconds(20)); // a frame takes seconds
        else
        {
            _gateway.Faults.SilenceNewConnections();
            _gateway.Faults.ResetConnections();
        }
        ExpectState(Primary, AdapterState.Silent, TimeSpan.FromSeconds(10));
        // Several more drop-and-retry cycles: an uncapped backoff would have grown past a few seconds by now.
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(12)) ExpectState(Primary, AdapterState.Connecting, TimeSpan.FromSeconds(15));
        // Back just as the silent connection is dropped: what follows is the wait, the connect and the first frame. (Back
        // just after a connect, a connection accepted while muted stays mute: add up to a data deadline.)
        States.FishForMessage<AdapterStateChanged>(e => e.AdapterId == Primary && e.To is AdapterState.Restarting or AdapterState.Failed, TimeSpan.FromSeconds(15))
            .Reason.Should().StartWith("no valid frame for");

        _gateway.Faults.ClearAll();
        var recovery = TimeToFreshTelemetry();

        _output.WriteLine($"{fault}: fresh telemetry {recovery.TotalMilliseconds:0} ms after the gateway came back");
        recovery.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "a bank with no healthy adapter retries at least every down-retry (500 ms)");
    }
}
