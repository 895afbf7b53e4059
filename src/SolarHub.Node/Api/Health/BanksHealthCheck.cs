using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarHub.Core.Telemetry;

namespace SolarHub.Node.Api.Health;

/// <summary>
/// Readiness of the banks: the registry and every bank answer; Unhealthy when a bank is Down (no adapter delivers
/// data), Degraded while one is Starting or Degraded (stale packs, or running on a standby adapter).
/// </summary>
public sealed class BanksHealthCheck(BankSnapshots banks) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        BankAnswers answers;
        try { answers = await banks.AskAllAsync(ct, Timeout); }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the bank registry did not answer within {Timeout.TotalSeconds:0} s");
        }
        var snapshots = answers.Snapshots;
        if (answers.Silent.Count > 0)
            return HealthCheckResult.Unhealthy($"bank(s) {string.Join(", ", answers.Silent)} did not answer within {Timeout.TotalSeconds:0} s");

        var data = snapshots.ToDictionary(s => s.Id, s => (object)s.State.ToString());
        var down = snapshots.Where(s => s.State == BankState.Down).Select(s => s.Id).ToList();
        var notHealthy = snapshots.Where(s => s.State is BankState.Starting or BankState.Degraded).Select(s => $"{s.Id} {s.State}").ToList();
        if (down.Count > 0) return HealthCheckResult.Unhealthy($"no adapter delivers data for bank(s) {string.Join(", ", down)}", data: data);
        if (notHealthy.Count > 0) return HealthCheckResult.Degraded(string.Join(", ", notHealthy), data: data);
        return HealthCheckResult.Healthy(snapshots.Count == 0 ? "no banks configured" : $"{snapshots.Count} bank(s) healthy", data);
    }
}
