using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Node.Api;
using SolarHub.Node.Api.Health;

namespace SolarHub.Node.Tests;

/// <summary>
/// The database check on its own, with a stand-in for the configuration store: a real connection decides, on SQLite
/// and PostgreSQL; a store that does not answer fails the check too.
/// </summary>
public sealed class DatabaseHealthCheckTests : IAsyncLifetime
{
    private ActorSystem _system = null!;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"solarhub-health-{Guid.NewGuid():N}");

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("health-test", "akka.loglevel = WARNING");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _system.Terminate();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task An_existing_sqlite_file_is_healthy_a_missing_one_is_not_created_and_unhealthy()
    {
        StoreAnswers();
        var present = ConfigDatabase.Sqlite(Path.Combine(_directory, "present.db"));
        await using (var create = new Microsoft.Data.Sqlite.SqliteConnection(present.ConnectionString)) await create.OpenAsync();
        var missingPath = Path.Combine(_directory, "missing.db");

        var healthy = await Check(present);
        var unhealthy = await Check(ConfigDatabase.Sqlite(missingPath));

        healthy.Status.Should().Be(HealthStatus.Healthy, healthy.Description);
        healthy.Data["configVersion"].Should().Be(7L);
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        unhealthy.Description.Should().Contain("unreachable").And.Contain("missing.db");
        File.Exists(missingPath).Should().BeFalse("the check must not create an empty database");
    }

    [Fact]
    public async Task A_postgresql_server_that_does_not_listen_is_unhealthy()
    {
        StoreAnswers();
        var database = ConfigDatabase.Parse($"postgresql://solarhub@127.0.0.1:{LoopbackPorts.Free()}/solarhub");

        var result = await Check(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().StartWith("postgresql://127.0.0.1:").And.Contain("unreachable");
    }

    [PostgresFact]
    public async Task A_running_postgresql_server_is_healthy()
    {
        StoreAnswers();
        var database = ConfigDatabase.Parse(TestDatabase.PostgresServer());

        var result = await Check(database);

        result.Status.Should().Be(HealthStatus.Healthy, result.Description);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_unhealthy()
    {
        ActorRegistry.For(_system).Register<ConfigStoreKey>(_system.ActorOf(Props.Create(() => new SilentStore())));
        var database = ConfigDatabase.Sqlite(Path.Combine(_directory, "any.db"));

        var result = await Check(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("configuration store did not answer");
    }

    private Task<HealthCheckResult> Check(ConfigDatabase database) =>
        new DatabaseHealthCheck(new ApiOptions { Database = database }, _system).CheckHealthAsync(new HealthCheckContext());

    private void StoreAnswers() =>
        ActorRegistry.For(_system).Register<ConfigStoreKey>(_system.ActorOf(Props.Create(() => new AnsweringStore())));


    private sealed class AnsweringStore : ReceiveActor
    {
        public AnsweringStore() => Receive<GetStoredConfig>(_ => Sender.Tell(new StoredConfig(HubConfig.Empty, 7)));
    }

    private sealed class SilentStore : ReceiveActor
    {
        public SilentStore() => ReceiveAny(_ => { });
    }
}
