using Akka.Actor;
using Akka.Hosting;
using Prometheus;
using SolarHub.Core.Alerts;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.History.Energy;
using SolarHub.History.Hosting;

namespace SolarHub.Node.Api.Metrics;

/// <summary>
/// The node's Prometheus metrics, in a registry of their own. Values are read from the bank snapshots when Prometheus
/// scrapes (a before-collect callback): always current, never a cached value of a bank that stopped, and no work on
/// the telemetry hot path between scrapes. Series of banks, packs and adapters that went away are removed.
/// </summary>
public sealed class SolarHubMetrics
{
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(5);

    // Prometheus wants base units: charge in coulombs (1 Ah = 3600 C).
    private const double SecondsPerHour = 3600;
    // And energy in joules (1 kWh = 3.6 MJ).
    private const double JoulesPerKwh = 3_600_000;
    private readonly ScrapedSeries _series = new();
    private readonly SemaphoreSlim _collecting = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly ActorSystem? _system;

    // per bank
    private readonly Gauge _bankSoc, _bankVoltage, _bankCurrent, _bankPower, _bankCellMin, _bankCellMax, _bankCellDelta,
        _bankTemperatureMin, _bankTemperatureMax, _bankPacksFresh, _bankPacksTotal, _bankState, _bankRemaining, _bankFull;
    private readonly Counter _bankFailovers, _bankCharged, _bankDischarged;
    // per pack
    private readonly Gauge _packSoc, _packSoh, _packVoltage, _packCurrent, _packPower, _packCellMin, _packCellMax, _packCellDelta,
        _packTemperatureMin, _packTemperatureMax, _packMosTemperature, _packStale, _packAge, _packCycles, _packRemaining;
    private readonly Counter _packCharged, _packDischarged;
    // per adapter
    private readonly Counter _adapterFrames, _adapterBytes, _adapterChecksumErrors, _adapterDiscarded, _adapterRestarts;
    private readonly Gauge _adapterHeartbeatAge, _adapterActive, _adapterEnabled, _adapterState;
    // per bank and alert rule
    private readonly Gauge _alertsActive;

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <param name="system">Where the energy meter runs (its counters are exported when history is recorded); null: no energy series.</param>
    public SolarHubMetrics(BankSnapshots banks, ActorSystem? system = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _system = system;
        // The process's own figures (resident memory, CPU, threads, managed heap): what a small board runs out of first.
        DotNetStats.Register(Registry);
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] bank = ["bank"], pack = ["bank", "pack"], adapter = ["bank", "adapter"];
        Gauge G(string name, string help, string[] labels) => f.CreateGauge(name, help, labels);
        Counter C(string name, string help, string[] labels) => f.CreateCounter(name, help, labels);

        _bankSoc = G("solarhub_bank_soc_percent", "Bank state of charge (capacity-weighted over fresh packs), percent.", bank);
        _bankVoltage = G("solarhub_bank_voltage_volts", "Bank voltage (average of fresh packs in parallel).", bank);
        _bankCurrent = G("solarhub_bank_current_amperes", "Bank current (sum of fresh packs; positive = charging).", bank);
        _bankPower = G("solarhub_bank_power_watts", "Bank power (sum of fresh packs; positive = charging).", bank);
        _bankCellMin = G("solarhub_bank_cell_min_volts", "Lowest cell voltage in the bank.", bank);
        _bankCellMax = G("solarhub_bank_cell_max_volts", "Highest cell voltage in the bank.", bank);
        _bankCellDelta = G("solarhub_bank_cell_delta_volts", "Highest minus lowest cell voltage in the bank.", bank);
        _bankTemperatureMin = G("solarhub_bank_temperature_min_celsius", "Lowest temperature sensor reading in the bank.", bank);
        _bankTemperatureMax = G("solarhub_bank_temperature_max_celsius", "Highest temperature sensor reading in the bank.", bank);
        _bankPacksFresh = G("solarhub_bank_packs_fresh", "Packs with fresh data.", bank);
        _bankPacksTotal = G("solarhub_bank_packs", "Packs configured (or seen) in the bank.", bank);
        _bankRemaining = G("solarhub_bank_remaining_capacity_coulombs", "Remaining capacity of the bank (ampere-hours x 3600).", bank);
        _bankFull = G("solarhub_bank_full_capacity_coulombs", "Full capacity of the bank (ampere-hours x 3600).", bank);
        _bankState = G("solarhub_bank_state", "1 for the bank's current state (Starting, Healthy, Degraded, Down), 0 for the others.", ["bank", "state"]);
        _bankFailovers = C("solarhub_bank_failovers_total", "Switches of the bank's active adapter (failovers and failbacks) since the node started.", bank);
        _bankCharged = C("solarhub_bank_charged_energy_joules_total", "Energy charged into the bank since counting began (stored counter, kWh x 3.6e6).", bank);
        _bankDischarged = C("solarhub_bank_discharged_energy_joules_total", "Energy discharged from the bank since counting began (stored counter, kWh x 3.6e6).", bank);

        _packSoc = G("solarhub_pack_soc_percent", "Pack state of charge, percent.", pack);
        _packSoh = G("solarhub_pack_soh_percent", "Pack state of health, percent.", pack);
        _packVoltage = G("solarhub_pack_voltage_volts", "Pack voltage.", pack);
        _packCurrent = G("solarhub_pack_current_amperes", "Pack current (positive = charging).", pack);
        _packPower = G("solarhub_pack_power_watts", "Pack power (positive = charging).", pack);
        _packCellMin = G("solarhub_pack_cell_min_volts", "Lowest cell voltage of the pack.", pack);
        _packCellMax = G("solarhub_pack_cell_max_volts", "Highest cell voltage of the pack.", pack);
        _packCellDelta = G("solarhub_pack_cell_delta_volts", "Highest minus lowest cell voltage of the pack.", pack);
        _packTemperatureMin = G("solarhub_pack_temperature_min_celsius", "Lowest temperature sensor reading of the pack.", pack);
        _packTemperatureMax = G("solarhub_pack_temperature_max_celsius", "Highest temperature sensor reading of the pack.", pack);
        _packMosTemperature = G("solarhub_pack_mos_temperature_celsius", "MOSFET temperature of the pack.", pack);
        _packStale = G("solarhub_pack_stale", "1 when the pack's values are stale (no fresh data within the deadline), else 0.", pack);
        _packAge = G("solarhub_pack_age_seconds", "Seconds since the pack's values were last updated.", pack);
        _packCycles = G("solarhub_pack_cycles", "Charge cycles the pack reports.", pack);
        _packRemaining = G("solarhub_pack_remaining_capacity_coulombs", "Remaining capacity of the pack (ampere-hours x 3600).", pack);
        _packCharged = C("solarhub_pack_charged_energy_joules_total", "Energy charged into the pack since counting began (stored counter, kWh x 3.6e6).", pack);
        _packDischarged = C("solarhub_pack_discharged_energy_joules_total", "Energy discharged from the pack since counting began (stored counter, kWh x 3.6e6).", pack);

        _adapterFrames = C("solarhub_adapter_frames_total", "Valid frames the adapter received.", adapter);
        _adapterBytes = C("solarhub_adapter_received_bytes_total", "Bytes the adapter received.", adapter);
        _adapterChecksumErrors = C("solarhub_adapter_checksum_errors_total", "300-byte JK data frames the adapter dropped for a bad checksum.", adapter);
        _adapterDiscarded = C("solarhub_adapter_discarded_bytes_total", "Bytes that formed no valid message: noise, truncated messages, Modbus messages with a bad CRC.", adapter);
        _adapterRestarts = C("solarhub_adapter_restarts_total", "Times the adapter faulted and was restarted.", adapter);
        _adapterHeartbeatAge = G("solarhub_adapter_heartbeat_age_seconds", "Seconds since the adapter's loop last reported (absent while it is not running).", adapter);
        _adapterActive = G("solarhub_adapter_active", "1 for the bank's active adapter, else 0.", adapter);
        _adapterEnabled = G("solarhub_adapter_enabled", "1 when the adapter is enabled in configuration, else 0.", adapter);
        _adapterState = G("solarhub_adapter_state", "1 for the adapter's current state (Stopped, Connecting, Receiving, Healthy, Silent, Restarting, Failed), 0 for the others.", ["bank", "adapter", "state"]);

        _alertsActive = G("solarhub_alerts_active", "Alerts of the rule raised now on the bank (one per pack for a pack's rule); 0 for each enabled rule without one (docs/alerts.md).", ["bank", "rule"]);

        Registry.AddBeforeCollectCallback(async ct =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(CollectTimeout);
            await UpdateAsync(await banks.AllAsync(timeout.Token, CollectTimeout), await EnergyAsync(timeout.Token), await AlertsAsync(timeout.Token));
        });
    }

    /// <summary>The energy meter's latest stored counters of this node's banks; none when it does not run.</summary>
    private async Task<IReadOnlyList<BankEnergy>> EnergyAsync(CancellationToken ct)
    {
        if (_system is null || !ActorRegistry.For(_system).TryGet<EnergyMeterKey>(out var meter)) return [];
        return (await meter.Ask<EnergyCounters>(GetEnergyCounters.Instance, CollectTimeout, ct)).Banks;
    }

    /// <summary>The alert watcher's report (this node's banks); null when it does not run.</summary>
    private async Task<AlertsReport?> AlertsAsync(CancellationToken ct)
    {
        if (_system is null || !ActorRegistry.For(_system).TryGet<AlertWatcherKey>(out var watcher)) return null;
        return await watcher.Ask<AlertsReport>(GetAlerts.Instance, CollectTimeout, ct);
    }

    /// <summary>Writes every series from the snapshots (and energy counters, alerts) and removes those of things that are gone.</summary>
    public async Task UpdateAsync(IReadOnlyList<BankSnapshot> snapshots, IReadOnlyList<BankEnergy>? energy = null, AlertsReport? alerts = null)
    {
        // Concurrent scrapes must not interleave their writes and sweeps; a waiting scrape must not hold a pool thread.
        await _collecting.WaitAsync();
        try
        {
            var now = _clock.GetUtcNow();
            foreach (var b in snapshots) Write(b, now);
            var running = snapshots.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var e in energy ?? []) if (running.Contains(e.BankId)) WriteEnergy(e);
            if (alerts is not null) WriteAlerts(alerts, running);
            Sweep();
        }
        finally { _collecting.Release(); }
    }

    private void Write(BankSnapshot b, DateTimeOffset now)
    {
        var t = b.Totals;
        _series.Set(_bankPacksFresh, t.PacksFresh, b.Id);
        _series.Set(_bankPacksTotal, t.PacksTotal, b.Id);
        foreach (var state in Enum.GetValues<BankState>())
            _series.Set(_bankState, state == b.State ? 1 : 0, b.Id, state.ToString());
        _series.SetTotal(_bankFailovers, b.FailoverCount, b.Id);
        // With no fresh pack the totals are the last known ones: absent, rather than exported as if current.
        if (t.PacksFresh > 0) WriteBankValues(b.Id, t);

        foreach (var p in b.Packs)
        {
            if (p.Values is not { } v) continue; // never reported: no values to export
            string address = p.Address.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _series.Set(_packStale, p.Stale ? 1 : 0, b.Id, address);
            if (p.UpdatedAt is { } at) _series.Set(_packAge, Math.Max(0, (now - at).TotalSeconds), b.Id, address);
            // A stale pack's values are its last known ones: absent while stale, as for the bank.
            if (!p.Stale) WritePackValues(b.Id, address, v);
        }

        foreach (var a in b.Adapters) WriteAdapter(b.Id, a, now);
    }

    private void WriteBankValues(string bankId, BankTelemetry t)
    {
        var id = bankId;
        _series.Set(_bankSoc, t.Soc, id);
        _series.Set(_bankVoltage, t.Voltage, id);
        _series.Set(_bankCurrent, t.Current, id);
        _series.Set(_bankPower, t.Power, id);
        _series.Set(_bankCellMin, t.CellMin, id);
        _series.Set(_bankCellMax, t.CellMax, id);
        _series.Set(_bankCellDelta, Math.Round(t.CellMax - t.CellMin, 4), id);
        _series.Set(_bankTemperatureMin, t.TemperatureMin, id);
        _series.Set(_bankTemperatureMax, t.TemperatureMax, id);
        _series.Set(_bankRemaining, t.RemainingCapacity * SecondsPerHour, id);
        _series.Set(_bankFull, t.FullCapacity * SecondsPerHour, id);
    }

    private void WritePackValues(string bankId, string address, PackTelemetry v)
    {
        _series.Set(_packSoc, v.Soc, bankId, address);
        _series.Set(_packSoh, v.Soh, bankId, address);
        _series.Set(_packVoltage, v.PackVoltage, bankId, address);
        _series.Set(_packCurrent, v.Current, bankId, address);
        _series.Set(_packPower, v.Power, bankId, address);
        _series.Set(_packCellMin, v.CellMin, bankId, address);
        _series.Set(_packCellMax, v.CellMax, bankId, address);
        _series.Set(_packCellDelta, v.CellDelta, bankId, address);
        if (v.Temperatures.Count > 0)
        {
            _series.Set(_packTemperatureMin, v.Temperatures.Min(), bankId, address);
            _series.Set(_packTemperatureMax, v.Temperatures.Max(), bankId, address);
        }
        if (v.MosTemperature is { } mos) _series.Set(_packMosTemperature, mos, bankId, address);
        _series.Set(_packCycles, v.Cycles, bankId, address);
        _series.Set(_packRemaining, v.RemainingCapacity * SecondsPerHour, bankId, address);
    }

    private void WriteEnergy(BankEnergy e)
    {
        _series.SetTotal(_bankCharged, e.ChargedKwh * JoulesPerKwh, e.BankId);
        _series.SetTotal(_bankDischarged, e.DischargedKwh * JoulesPerKwh, e.BankId);
        foreach (var p in e.Packs)
        {
            string address = p.Address.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _series.SetTotal(_packCharged, p.ChargedKwh * JoulesPerKwh, e.BankId, address);
            _series.SetTotal(_packDischarged, p.DischargedKwh * JoulesPerKwh, e.BankId, address);
        }
    }

    private void WriteAlerts(AlertsReport alerts, IReadOnlySet<string> running)
    {
        foreach (var bank in alerts.Banks.Where(b => running.Contains(b.BankId)))
            foreach (var rule in bank.Rules.Where(r => r.Enabled))
                _series.Set(_alertsActive, alerts.Active.Count(a => a.BankId == bank.BankId && a.Rule == rule.Rule), bank.BankId, rule.Rule);
    }

    private void WriteAdapter(string bankId, AdapterSnapshot a, DateTimeOffset now)
    {
        _series.SetTotal(_adapterFrames, a.Frames, bankId, a.Id);
        _series.SetTotal(_adapterBytes, a.Bytes, bankId, a.Id);
        _series.SetTotal(_adapterChecksumErrors, a.ChecksumErrors, bankId, a.Id);
        _series.SetTotal(_adapterDiscarded, a.DiscardedBytes, bankId, a.Id);
        _series.SetTotal(_adapterRestarts, a.Restarts, bankId, a.Id);
        if (a.LastHeartbeat is { } beat) _series.Set(_adapterHeartbeatAge, Math.Max(0, (now - beat).TotalSeconds), bankId, a.Id);
        _series.Set(_adapterActive, a.Active ? 1 : 0, bankId, a.Id);
        _series.Set(_adapterEnabled, a.Enabled ? 1 : 0, bankId, a.Id);
        foreach (var state in Enum.GetValues<AdapterState>())
            _series.Set(_adapterState, state == a.State ? 1 : 0, bankId, a.Id, state.ToString());
    }

    private void Sweep()
    {
        foreach (var g in new[] { _bankSoc, _bankVoltage, _bankCurrent, _bankPower, _bankCellMin, _bankCellMax, _bankCellDelta,
                     _bankTemperatureMin, _bankTemperatureMax, _bankPacksFresh, _bankPacksTotal, _bankState, _bankRemaining, _bankFull,
                     _packSoc, _packSoh, _packVoltage, _packCurrent, _packPower, _packCellMin, _packCellMax, _packCellDelta,
                     _packTemperatureMin, _packTemperatureMax, _packMosTemperature, _packStale, _packAge, _packCycles, _packRemaining,
                     _adapterHeartbeatAge, _adapterActive, _adapterEnabled, _adapterState, _alertsActive })
            _series.Sweep(g);
        foreach (var c in new[] { _bankFailovers, _bankCharged, _bankDischarged, _packCharged, _packDischarged, _adapterFrames, _adapterBytes, _adapterChecksumErrors, _adapterDiscarded, _adapterRestarts })
            _series.Sweep(c);
    }
}
