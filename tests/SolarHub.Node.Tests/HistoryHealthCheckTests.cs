using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarHub.History;
using SolarHub.History.Hosting;
using SolarHub.History.Querying;
using SolarHub.History.Recording;
using SolarHub.History.Storage;
using SolarHub.Node.Api.Health;

namespace SolarHub.Node.Tests;

/// <summary>The history check says what is true: "writing" only once something was written, Degraded while writes fail.</summary>
public sealed class HistoryHealthCheckTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("history-health", "akka.loglevel = OFF");

    [Fact]
    public async Task A_writer_that_has_written_nothing_yet_does_not_claim_to_be_writing()
    {
        Register(new FakeStore(fails: false));

        var result = await Check();

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().NotStartWith("writing").And.Contain("no sample written yet");
    }

    [Fact]
    public async Task Writes_that_fail_make_it_degraded_with_the_reason_and_writes_that_pass_make_it_writing()
    {
        var failing = Register(new FakeStore(fails: true), name: "failing");
        failing.Tell(new HistoryBatch([Sample()]));
        await failing.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(10));

        var result = await Check();

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().StartWith("history writes fail since");
        result.Data["lastError"].Should().Be("attempt to write a readonly database");

        var working = Register(new FakeStore(fails: false), name: "working");
        working.Tell(new HistoryBatch([Sample()]));
        await working.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(10));
        (await Check()).Description.Should().StartWith("writing");
    }

    private IActorRef Register(IHistoryStore store, string name = "writer")
    {
        var options = HistoryOptions.FromConfig(HistoryOptions.Defaults);
        var writer = _system.ActorOf(HistoryWriter.Props(store, options), name);
        ActorRegistry.For(_system).Register<HistoryKey>(writer, overwrite: true);
        return writer;
    }

    private Task<HealthCheckResult> Check() => new HistoryHealthCheck(_system).CheckHealthAsync(new HealthCheckContext());

    private static HistorySample Sample() => new("bank-1", null, DateTimeOffset.UtcNow, [50, 52.1, 3, 156, 3.3, 3.31, 20, 21, 3]);

    private sealed class FakeStore(bool fails) : IHistoryStore
    {
        public string Description => "fake";

        public Task<int> WriteAsync(IReadOnlyList<HistorySample> samples, CancellationToken ct = default) =>
            fails ? Task.FromException<int>(new IOException("attempt to write a readonly database")) : Task.FromResult(samples.Count);

        public Task<long> DeleteExpiredAsync(DateTimeOffset rawBefore, DateTimeOffset hourlyBefore, CancellationToken ct = default) => Task.FromResult(0L);

        public async IAsyncEnumerable<HistoryPoint> ReadAsync(HistoryQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();
}
