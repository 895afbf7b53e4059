using SolarHub.Bench.Cluster;

namespace SolarHub.Cluster.Tests;

/// <summary>
/// Three real nodes on 127.0.0.1 sharing a fresh PostgreSQL database, with the cluster bench's banks (a TCP bank, a bank
/// with serial adapters on n2 and n3, a bank that sees its node leave, an active bus), started once for the class.
/// Each scenario leaves the cluster as it found it (the node it stopped is started again).
/// </summary>
public sealed class ClusterSurvivalFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public ClusterBench Bench { get; private set; } = null!;
    public StringWriter Progress { get; } = new();

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable))) return; // the facts skip or fail themselves
        _database = await TestDatabase.CreateAsync("postgres");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        Bench = await ClusterBench.StartAsync(_database.Config.ConnectionString, TextWriter.Synchronized(Progress), timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (Bench is not null) await Bench.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
