using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.Core.Telemetry;
using SolarHub.History.Energy;
using SolarHub.History.Hosting;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;
using SolarHub.Simulator;

namespace SolarHub.Node.Tests.History;

/// <summary>
/// A simulated bank driven through charge and discharge on loopback, its energy counted by the node and checked against
/// the integral the test computes from the same readings; then served by the API (JSON and CSV) and /metrics.
/// </summary>
public sealed class EnergyEndpointTests
{
    [Fact]
    public async Task Charge_and_discharge_of_a_simulated_bank_are_counted_as_the_integral_of_its_readings()
    {
        await using var node = await ApiNode.StartAsync([("house", 2, [("gw", true, false)])], new ApiOptions(),
            configureAkka: akka => akka.AddHocon("solarhub.history.energy.flush-interval = 300ms", HoconAddMode.Prepend));
        var system = node.Services.GetRequiredService<ActorSystem>();
        var meter = ActorRegistry.For(system).Get<EnergyMeterKey>();
        var faults = node.Gateway("gw").Faults;
        var readings = new ConcurrentQueue<PackTelemetry>();
        system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new Collector(readings))), typeof(PackTelemetry));

        // At rest: from a reading at 0 A on, the node's count and the test's start from the same point.
        Pin(faults, 0, 0);
        await SeenAsync(readings, r => r.Current == 0, times: 2, "both packs at rest");
        (await meter.Ask<EnergyWritten>(WriteEnergy.Instance, TimeSpan.FromSeconds(10))).Ok.Should().BeTrue();
        var before = await CountersAsync(meter);
        var start = readings.Count;

        Pin(faults, 40_000, 20_000);
        await SeenAsync(readings, r => r.Current > 0, times: 3, "both packs charging", from: start);
        Pin(faults, -30_000, -10_000);
        await SeenAsync(readings, r => r.Current < 0, times: 3, "both packs discharging", from: start);
        Pin(faults, 0, 0);
        int rest = readings.Count;
        await SeenAsync(readings, r => r.Current == 0, times: 2, "both packs at rest again", from: rest);
        (await meter.Ask<EnergyWritten>(WriteEnergy.Instance, TimeSpan.FromSeconds(10))).Ok.Should().BeTrue();
        var after = await CountersAsync(meter);

        // The test's own integral: power = voltage x current, linear between consecutive readings of a pack.
        var expected = new Dictionary<byte, (double Charged, double Discharged)>();
        foreach (var pack in readings.Skip(start - 2).GroupBy(r => r.Address))
        {
            double charged = 0, discharged = 0;
            foreach (var (a, b) in pack.Zip(pack.Skip(1)))
            {
                double hours = (b.UpdatedAt - a.UpdatedAt).TotalHours, p0 = a.PackVoltage * a.Current, p1 = b.PackVoltage * b.Current;
                if (p0 * p1 >= 0)
                {
                    double e = (p0 + p1) / 2 * hours;
                    if (e > 0) charged += e; else discharged -= e;
                    continue;
                }
                double f = p0 / (p0 - p1);
                double first = p0 * f * hours / 2, second = p1 * (1 - f) * hours / 2;
                charged += Math.Max(first, second);
                discharged -= Math.Min(first, second);
            }
            expected[pack.Key] = (charged / 1000, discharged / 1000);
        }
        expected.Keys.Order().Should().Equal(1, 2);
        expected.Values.Should().OnlyContain(e => e.Charged > 0 && e.Discharged > 0, "each pack charged and then discharged");

        foreach (var (address, (charged, discharged)) in expected)
        {
            Pack(after, address).ChargedKwh.Should().BeApproximately(Pack(before, address).ChargedKwh + charged, 1e-9);
            Pack(after, address).DischargedKwh.Should().BeApproximately(Pack(before, address).DischargedKwh + discharged, 1e-9);
        }
        after.ChargedKwh.Should().BeApproximately(before.ChargedKwh + expected.Values.Sum(e => e.Charged), 1e-9);
        after.DischargedKwh.Should().BeApproximately(before.DischargedKwh + expected.Values.Sum(e => e.Discharged), 1e-9);

        // The API shows the stored counters (to 0.1 Wh, as it rounds every number to four decimals).
        var api = await node.GetJsonAsync("/api/banks/house/energy");
        api["chargedKwh"]!.GetValue<double>().Should().BeApproximately(after.ChargedKwh, 0.00005);
        api["packs"]!.AsArray().Select(p => p!["address"]!.GetValue<int>()).Should().Equal(1, 2);
        api["packs"]![1]!["dischargedKwh"]!.GetValue<double>().Should().BeApproximately(Pack(after, 2).DischargedKwh, 0.00005);

        // Today's line in the daily CSV, and the counters in /metrics (joules).
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = await node.Http.GetStringAsync("/api/banks/house/energy?format=csv");
        csv.Split('\n')[0].Should().Be("day,charged_kwh,discharged_kwh");
        csv.Should().Contain($"\n{today},");
        var metrics = await node.Http.GetStringAsync("/metrics");
        var line = metrics.Split('\n').Single(l => l.StartsWith("solarhub_bank_charged_energy_joules_total{bank=\"house\"}", StringComparison.Ordinal));
        double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture).Should().BeApproximately(after.ChargedKwh * 3_600_000, 1e-3);
    }

    [Theory]
    [InlineData("from=yesterday", "from: 'yesterday' is not a date")]
    [InlineData("to=2026-13-01", "to: '2026-13-01' is not a date")]
    [InlineData("pack=16", "pack: '16' is not a pack address")]
    [InlineData("format=xml", "format: 'xml' is not json or csv")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from: 2026-03-02 is after to")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string error)
    {
        await using var node = await ApiNode.StartAsync([("house", 1, [("gw", true, false)])], new ApiOptions());

        var (status, body) = await node.SendAsync(HttpMethod.Get, $"/api/banks/house/energy?{query}");

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["error"]!.GetValue<string>().Should().StartWith(error);
    }

    private static async Task<BankEnergy> CountersAsync(IActorRef meter) =>
        (await meter.Ask<EnergyCounters>(GetEnergyCounters.Instance, TimeSpan.FromSeconds(10))).Banks.Single(b => b.BankId == "house");

    private static PackEnergy Pack(BankEnergy energy, byte address) => energy.Packs.Single(p => p.Address == address);

    private static void Pin(FaultController faults, int pack1Ma, int pack2Ma)
    {
        faults.SetPackValues(1, new PackOverrides { CurrentMa = pack1Ma });
        faults.SetPackValues(2, new PackOverrides { CurrentMa = pack2Ma });
    }

    /// <summary>Until each pack has sent <paramref name="times"/> readings matching, after the first <paramref name="from"/>.</summary>
    private static async Task SeenAsync(ConcurrentQueue<PackTelemetry> readings, Func<PackTelemetry, bool> match, int times, string what, int from = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (readings.Skip(from).Where(match).GroupBy(r => r.Address).Count(g => g.Count() >= times) < 2)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{what} within 30 s");
            await Task.Delay(50);
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<PackTelemetry> readings) => Receive<PackTelemetry>(readings.Enqueue);
    }
}
