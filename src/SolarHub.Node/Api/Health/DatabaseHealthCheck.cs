using System.Data.Common;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SolarHub.ConfigStore;
using SolarHub.Database;

namespace SolarHub.Node.Api.Health;

/// <summary>
/// Readiness of the configuration database: the store actor answers, and a fresh connection runs <c>SELECT 1</c>
/// (the store answers from memory, so only a connection tells whether the database is still there).
/// Healthy with nothing to check when the node runs without a store (<c>--config</c>).
/// </summary>
public sealed class DatabaseHealthCheck(ApiOptions options, ActorSystem system) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (options.Database is not { } database || !ActorRegistry.For(system).TryGet<ConfigStoreKey>(out var store))
            return HealthCheckResult.Healthy("no configuration store: the banks run from a configuration file");

        var data = new Dictionary<string, object> { ["database"] = database.Description };
        try
        {
            var answer = await store.Ask<object>(GetStoredConfig.Instance, Timeout, ct);
            if (answer is Status.Failure { Cause: { } cause })
                return HealthCheckResult.Unhealthy(cause.Message, data: data);
            if (answer is StoredConfig stored) data["configVersion"] = stored.Version;
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the configuration store did not answer within {Timeout.TotalSeconds:0} s", data: data);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            await using var connection = Open(database);
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{database.Description} reachable", data);
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} unreachable: {e.Message}", data: data);
        }
    }

    private static DbConnection Open(ConfigDatabase database) => database.IsPostgres
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = (int)Timeout.TotalSeconds, Pooling = false }.ConnectionString)
        // ReadWrite, not ReadWriteCreate: a vanished database file must fail the check, not be created empty.
        : new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
}
