using SolarHub.Bench.Cluster;
using Xunit.Abstractions;

namespace SolarHub.Cluster.Tests;

/// <summary>
/// What a cluster promises when a node dies, stands still or leaves, on real processes (issue: clustered deployment).
/// The figures the issue asks for come from <c>solarhub bench cluster</c> (docs/benchmarks.md); these bounds are looser so
/// that a loaded 2-core CI machine passes them while a broken failover cannot.
/// </summary>
public sealed partial class ClusterSurvivalTests(ClusterSurvivalFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterSurvivalFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    [PostgresFact]
    public async Task Kill_9_of_the_node_running_a_TCP_bank_brings_fresh_data_from_another_node()
    {
        var took = await cluster.Bench.NodeLossAsync(_timeout.Token);

        took.Should().BeLessThan(TimeSpan.FromSeconds(20), "the shipped defaults re-home a bank in about 10 s (bench cluster)");
    }

    [PostgresFact]
    public async Task Kill_9_of_a_serial_adapters_node_fails_over_to_the_standby_on_another_node_and_back()
    {
        var (failover, failback) = await cluster.Bench.SerialNodeLossAsync(_timeout.Token);

        failover.Should().BeLessThan(TimeSpan.FromSeconds(20));
        failback.Should().BeLessThan(TimeSpan.FromSeconds(45), "the node rejoins, its adapter turns healthy and the 10 s hold-down passes");
    }

    [PostgresFact]
    public async Task A_graceful_leave_hands_its_banks_over_with_a_data_gap_under_2_s()
    {
        var gap = await cluster.Bench.LeaveAsync(_timeout.Token);

        gap.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [PostgresFact]
    public async Task A_stored_configuration_change_reaches_every_node()
    {
        var took = await cluster.Bench.ConfigReachAsync(_timeout.Token);

        took.Should().BeLessThan(TimeSpan.FromSeconds(5), "each node follows the journal about every second (bench cluster gives the figure)");
    }

    [PostgresFact]
    public async Task An_active_bus_is_never_polled_by_two_nodes_even_by_one_that_stood_still_while_another_took_over()
    {
        int overlaps = await cluster.Bench.ActiveNeverTwiceAsync(_timeout.Token);

        overlaps.Should().Be(0);
        cluster.Progress.ToString().Should().Contain("exited with 1", "a node the cluster removed exits, for its service manager to start it again");
    }

    [PostgresFact]
    public async Task The_journal_has_one_writer_and_kill_9_of_it_during_changes_loses_no_acknowledged_change()
    {
        var (lost, moved, writers) = await cluster.Bench.WriterLossAsync(_timeout.Token);

        lost.Should().Be(0, "a change is acknowledged only once the journal holds it");
        writers.Should().Be(1, "changes made through two different nodes are stored by the cluster's one writer");
        moved.Should().BeLessThan(TimeSpan.FromSeconds(60), "the singleton writer starts on another node once the dead one is downed");
    }

    [PostgresFact]
    public async Task The_events_of_a_bank_stream_from_a_node_that_does_not_run_it()
    {
        var seen = await cluster.Bench.EventsAcrossAsync(_timeout.Token);

        seen.Watcher.Should().NotBe(seen.Home);
        seen.PackEvents.Should().BeGreaterThanOrEqualTo(10, "the bank's pack telemetry flows to the other node's /api/events");
        seen.Duplicates.Should().Be(0, "each reading arrives once, on the other node and on the bank's own");
        seen.AdapterEvent.Should().BeLessThan(TimeSpan.FromSeconds(15), "an adapter's state change arrives as the change is applied (config reach is about 1 s)");
    }

    [PostgresFact]
    public async Task MQTT_publishes_each_reading_once_per_cluster_and_moves_when_its_node_is_killed_or_leaves()
    {
        using var broker = new MosquittoBroker();

        var mqtt = await cluster.Bench.MqttOncePerClusterAsync(broker.Port, _timeout.Token);

        mqtt.Repeated.Should().Be(0, "one output for the cluster publishes a reading once; one per node would repeat each three times");
        mqtt.Publications.Should().BeInRange(3, (int)mqtt.Window.TotalSeconds + 2, "a pack's state is published at most once a second");
        mqtt.Successor.Should().NotBe(mqtt.Killed);
        mqtt.Resumed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the singleton moves once the killed node is downed (about 10 s)");
        mqtt.Rediscovered.Should().BeTrue("the new node announces its entities to Home Assistant again");
        mqtt.LeaveGap.Should().BeLessThan(TimeSpan.FromSeconds(10), "a graceful leave hands the output over without waiting for a downing");
    }

    public void Dispose()
    {
        output.WriteLine(cluster.Progress.ToString());
        _timeout.Dispose();
    }
}
