using System.Globalization;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

[Collection(HealthyNodeCollection.Name)]
public sealed class MetricsEndpointTests(HealthyNodeFixture fixture)
{
    [Fact]
    public async Task Prometheus_text_has_bank_pack_and_adapter_series_with_sane_values()
    {
        using var response = await fixture.Node.Http.GetAsync("/metrics");
        response.IsSuccessStatusCode.Should().BeTrue();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var series = Parse(await response.Content.ReadAsStringAsync());

        series["solarhub_bank_soc_percent{bank=\"house\"}"].Should().BeInRange(0, 100);
        series["solarhub_bank_voltage_volts{bank=\"house\"}"].Should().BeInRange(40, 60);
        series.Should().ContainKey("solarhub_bank_current_amperes{bank=\"house\"}");
        series.Should().ContainKey("solarhub_bank_power_watts{bank=\"house\"}");
        var cellMin = series["solarhub_bank_cell_min_volts{bank=\"house\"}"];
        var cellMax = series["solarhub_bank_cell_max_volts{bank=\"house\"}"];
        cellMin.Should().BeInRange(2.5, 3.65);
        cellMax.Should().BeGreaterThanOrEqualTo(cellMin);
        series["solarhub_bank_cell_delta_volts{bank=\"house\"}"].Should().BeApproximately(cellMax - cellMin, 0.001);
        series["solarhub_bank_temperature_max_celsius{bank=\"house\"}"].Should().BeInRange(-20, 80);
        series.Should().ContainKey("solarhub_bank_temperature_min_celsius{bank=\"house\"}");
        series["solarhub_bank_packs_fresh{bank=\"house\"}"].Should().Be(3);
        series["solarhub_bank_packs{bank=\"house\"}"].Should().Be(3);
        // Charge in the base unit: a 3-pack bank of simulated packs holds hundreds of ampere-hours, x 3600.
        series["solarhub_bank_full_capacity_coulombs{bank=\"house\"}"].Should().BeGreaterThan(3600);
        series["solarhub_bank_remaining_capacity_coulombs{bank=\"house\"}"].Should().BeInRange(0, series["solarhub_bank_full_capacity_coulombs{bank=\"house\"}"]);
        series["solarhub_bank_state{bank=\"house\",state=\"Healthy\"}"].Should().Be(1);
        series["solarhub_bank_state{bank=\"house\",state=\"Down\"}"].Should().Be(0);
        series["solarhub_bank_failovers_total{bank=\"house\"}"].Should().Be(0);
        series.Should().ContainKey("solarhub_bank_failovers_total{bank=\"shed\"}");

        series["solarhub_pack_soc_percent{bank=\"house\",pack=\"2\"}"].Should().BeInRange(0, 100);
        series["solarhub_pack_voltage_volts{bank=\"house\",pack=\"2\"}"].Should().BeInRange(40, 60);
        series["solarhub_pack_stale{bank=\"house\",pack=\"2\"}"].Should().Be(0);
        series["solarhub_pack_age_seconds{bank=\"house\",pack=\"2\"}"].Should().BeInRange(0, 10);

        series["solarhub_adapter_frames_total{bank=\"house\",adapter=\"gw-a\"}"].Should().BeGreaterThan(0);
        series["solarhub_adapter_received_bytes_total{bank=\"house\",adapter=\"gw-a\"}"].Should().BeGreaterThan(0);
        series["solarhub_adapter_checksum_errors_total{bank=\"house\",adapter=\"gw-a\"}"].Should().Be(0);
        series["solarhub_adapter_restarts_total{bank=\"house\",adapter=\"gw-b\"}"].Should().Be(0);
        series["solarhub_adapter_heartbeat_age_seconds{bank=\"house\",adapter=\"gw-b\"}"].Should().BeInRange(0, 5);
        series["solarhub_adapter_active{bank=\"house\",adapter=\"gw-a\"}"].Should().Be(1);
        series["solarhub_adapter_active{bank=\"house\",adapter=\"gw-b\"}"].Should().Be(0);
        series["solarhub_adapter_state{bank=\"house\",adapter=\"gw-b\",state=\"Healthy\"}"].Should().Be(1);
    }

    [Fact]
    public async Task Bad_checksums_and_line_noise_on_a_gateway_are_counted_for_its_adapter()
    {
        await fixture.ShedSettledAsync();
        // The standby's gateway, so the bank does not fail over meanwhile.
        string active = (await fixture.Node.GetJsonAsync("/api/banks/shed"))["activeAdapter"]!.GetValue<string>();
        string standby = active == "left" ? "right" : "left";
        var before = Parse(await fixture.Node.Http.GetStringAsync("/metrics"));
        string checksums = $"solarhub_adapter_checksum_errors_total{{bank=\"shed\",adapter=\"{standby}\"}}";
        string discarded = $"solarhub_adapter_discarded_bytes_total{{bank=\"shed\",adapter=\"{standby}\"}}";

        var faults = fixture.Node.Gateway(standby).Faults;
        faults.CorruptChecksums(frames: 3);
        faults.InjectGarbage(bytes: 64);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Dictionary<string, double> after;
        do
        {
            await Task.Delay(200);
            after = Parse(await fixture.Node.Http.GetStringAsync("/metrics"));
        } while ((after[checksums] < before[checksums] + 3 || after[discarded] < before[discarded] + 64) && DateTime.UtcNow < deadline);

        after[checksums].Should().Be(before[checksums] + 3);
        after[discarded].Should().BeGreaterThanOrEqualTo(before[discarded] + 64);
        var adapter = (await fixture.Node.GetJsonAsync("/api/banks/shed"))["adapters"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == standby)!;
        adapter["checksumErrors"]!.GetValue<long>().Should().Be((long)after[checksums]);
    }

    [Fact]
    public async Task Values_are_collected_at_scrape_time()
    {
        static async Task<double> Frames(HttpClient http) =>
            Parse(await http.GetStringAsync("/metrics"))["solarhub_adapter_frames_total{bank=\"house\",adapter=\"gw-a\"}"];

        var first = await Frames(fixture.Node.Http);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        double later;
        do { await Task.Delay(100); later = await Frames(fixture.Node.Http); } while (later <= first && DateTime.UtcNow < deadline);
        later.Should().BeGreaterThan(first, "frames keep coming and every scrape reads the banks anew");
    }

    [Fact]
    public async Task The_process_reports_its_memory_cpu_threads_and_managed_heap()
    {
        var series = Parse(await fixture.Node.Http.GetStringAsync("/metrics"), "");

        series["process_working_set_bytes"].Should().BeGreaterThan(10 * 1024 * 1024, "a running node holds megabytes");
        series["dotnet_total_memory_bytes"].Should().BeGreaterThan(0).And.BeLessThan(series["process_working_set_bytes"]);
        series["process_num_threads"].Should().BeGreaterThan(1);
        series.Should().ContainKey("process_cpu_seconds_total");
    }

    private static Dictionary<string, double> Parse(string text, string prefix = "solarhub_") => text.Split('\n')
        .Where(l => l.Length > 0 && !l.StartsWith('#') && l.StartsWith(prefix, StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Names_follow_prometheus_conventions_as_promtool_checks_them()
    {
        var text = await fixture.Node.Http.GetStringAsync("/metrics");
        var types = text.Split('\n').Where(l => l.StartsWith("# TYPE solarhub_", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(p => p[2], p => p[3]);

        types.Should().NotBeEmpty();
        types.Where(t => t.Value == "gauge" && t.Key.EndsWith("_total", StringComparison.Ordinal)).Should().BeEmpty("_total is for counters");
        types.Where(t => t.Value == "counter" && !t.Key.EndsWith("_total", StringComparison.Ordinal)).Should().BeEmpty("a counter ends in _total");
        types.Keys.Where(n => n.Contains("_hours", StringComparison.Ordinal) || n.Contains("_ampere_", StringComparison.Ordinal)).Should().BeEmpty("base units only");
    }
}
