using SolarHub.Cli.Run;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Tests.Run;

public class RetryLineFilterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private const string Refused = "cannot open tcp://127.0.0.1:9: Connection refused";

    private static AdapterStateChanged Change(double seconds, AdapterState from, AdapterState to, string reason) =>
        new("house", "gw", T0.AddSeconds(seconds), from, to, reason);

    [Fact]
    public void A_retrying_adapter_prints_its_first_failure_one_summary_a_minute_and_its_recovery_with_the_count()
    {
        var filter = new RetryLineFilter(TimeSpan.FromMinutes(1));
        var printed = new List<string>();
        void Feed(AdapterStateChanged c) { if (filter.Line(c) is { } line) printed.Add(line); }

        Feed(Change(0, AdapterState.Healthy, AdapterState.Restarting, Refused));
        // Two retries a second for 90 s, each refused.
        for (int i = 1; i <= 180; i++)
        {
            Feed(Change(i * 0.5, AdapterState.Restarting, AdapterState.Connecting, "restarted after backoff"));
            Feed(Change(i * 0.5 + 0.01, AdapterState.Connecting, AdapterState.Restarting, Refused));
        }
        Feed(Change(91, AdapterState.Restarting, AdapterState.Connecting, "restarted after backoff"));
        Feed(Change(91.1, AdapterState.Connecting, AdapterState.Receiving, "connected to tcp://127.0.0.1:9"));

        printed.Should().HaveCount(3, string.Join("\n", printed));
        printed[0].Should().Be($"house adapter gw: Healthy -> Restarting ({Refused})");
        printed[1].Should().StartWith("house adapter gw: still failing, 120 retries since");
        printed[2].Should().Be("house adapter gw: Connecting -> Receiving (connected to tcp://127.0.0.1:9) [181 retries not shown]");
    }

    [Fact]
    public void A_new_reason_and_failed_are_printed_at_once()
    {
        var filter = new RetryLineFilter(TimeSpan.FromMinutes(1));

        filter.Line(Change(0, AdapterState.Healthy, AdapterState.Restarting, Refused)).Should().NotBeNull();
        filter.Line(Change(1, AdapterState.Restarting, AdapterState.Connecting, "restarted after backoff")).Should().BeNull();
        filter.Line(Change(2, AdapterState.Connecting, AdapterState.Restarting, "connection reset")).Should().Contain("connection reset");
        filter.Line(Change(3, AdapterState.Restarting, AdapterState.Failed, "restart budget spent")).Should().Contain("Failed");
    }
}
