using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarHub.History.Hosting;
using SolarHub.History.Querying;
using SolarHub.History.Recording;
using SolarHub.History.Storage;
using SolarHub.History.Tests.Support;
using static SolarHub.History.Tests.Support.Samples;

namespace SolarHub.History.Tests;

/// <summary><c>WithSolarHubHistory</c> in a generic host, as a node builds it.</summary>
public sealed class HistoryHostingTests
{
    private static IHost Build(TestDatabase db, string hocon)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("history-hosting-test", akka =>
        {
            akka.AddHocon(hocon, HoconAddMode.Prepend);
            akka.WithSolarHubHistory(db.Config);
        });
        return builder.Build();
    }

    [Fact]
    public async Task Samples_buffered_at_shutdown_are_written()
    {
        await using var db = TestDatabase.Sqlite();
        // A flush interval longer than the test: only the shutdown flush can write the samples.
        using (var host = Build(db, "solarhub.history.flush-interval = 1h"))
        {
            await host.StartAsync();
            var system = host.Services.GetRequiredService<ActorSystem>();
            ActorRegistry.For(system).TryGet<HistoryKey>(out var writer).Should().BeTrue();
            var recent = DateTimeOffset.UtcNow.AddMinutes(-5);
            writer.Tell(new HistoryBatch([Bank("b1", recent, 42)]));
            (await writer.Ask<HistoryStatus>(GetHistoryStatus.Instance, TimeSpan.FromSeconds(10))).Buffered.Should().Be(1);
            await host.StopAsync();
        }
        var stored = await ((IHistoryStore)SqlHistoryStore.For(db.Config)).QueryAsync(new HistoryQuery("b1", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, HistoryResolution.Raw));
        stored.Points.Select(p => p.Values[0]!.Value.Avg).Should().Equal(42);
    }

    [Fact]
    public async Task Off_starts_nothing()
    {
        await using var db = TestDatabase.Sqlite();
        using var host = Build(db, "solarhub.history.enabled = off");
        await host.StartAsync();
        ActorRegistry.For(host.Services.GetRequiredService<ActorSystem>()).TryGet<HistoryKey>(out _).Should().BeFalse();
        await host.StopAsync();
    }
}
