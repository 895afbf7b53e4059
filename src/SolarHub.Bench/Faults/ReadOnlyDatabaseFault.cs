using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Simulator;

namespace SolarHub.Bench.Faults;

/// <summary>
/// The database's filesystem turning read-only under a running node, as ext4 does by itself when its disk fails (an SD
/// card at the end of its life: <c>errors=remount-ro</c>): the SQLite file sits on a small ext4 image of the bench's own,
/// loop-mounted (a bank of its own with two adapters on simulated gateways: the demo bank would be stored afresh at each
/// start), and the row asks ext4 to act on an error (<c>/sys/fs/ext4/&lt;device&gt;/trigger_fs_error</c>), after
/// which every write fails with EROFS; history keeps trying meanwhile (flushed every second). A configuration change is
/// sent through the API while it lasts. The fault clears as it would on a site: the node is stopped, the filesystem
/// checked and mounted again, and the node started on the same file. Survived: the change is refused at once with a
/// reason naming the read-only database, the banks keep reporting, the change made before the fault is still there and
/// the refused one is not (nothing half-applied), the change is stored once the node runs again, and neither run of the
/// node logs a stack trace. Needs root (loop devices, mount).
/// </summary>
public sealed class ReadOnlyDatabaseFault : IFaultScenario
{
    private const string BankId = "ro-bank", Bank = "/api/banks/" + BankId;

    public string Fault => "database-read-only";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-faults-ro-").FullName;
        string image = folder + ".img", mount = Path.Combine(folder, "disk");
        Directory.CreateDirectory(mount);
        await using (var file = File.Create(image)) file.SetLength(64L * 1024 * 1024);
        await SystemTool.RunAsync("mkfs.ext4", ["-q", "-F", image], ct);
        string device = (await SystemTool.RunAsync("losetup", ["--find", "--show", image], ct)).Trim();
        try
        {
            await SystemTool.RunAsync("mount", ["-o", "errors=remount-ro", device, mount], ct);
            string database = Path.Combine(mount, "solarhub.db"), hocon = Path.Combine(folder, "history.conf");
            await using var primary = new TcpGatewaySimulator(new SimulatorOptions { Packs = 2, Seed = 3 });
            await using var secondary = new TcpGatewaySimulator(new SimulatorOptions { Packs = 2, Seed = 4 });
            primary.Start();
            secondary.Start();
            AdapterConfig Adapter(string id, TcpGatewaySimulator gateway, int priority) =>
                new(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", gateway.LocalEndPoint.Port), Priority: priority);
            await BenchConfigStore.ReplaceAsync(ConfigDatabase.Sqlite(database), new HubConfig([new BankConfig(BankId, "Read-only bank", [new PackConfig(1), new PackConfig(2)],
                [Adapter("primary", primary, 1), Adapter("secondary", secondary, 2)])], []), ct);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the bench's pooled connection would keep the filesystem busy
            await File.WriteAllTextAsync(hocon, "solarhub.history { sample-interval = 1s, flush-interval = 1s }\n", ct);
            string[] arguments = ["--hocon", hocon];
            var hold = quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(8);

            string duringNote;
            TimeSpan answered;
            bool refusedClearly, live, disabledBefore;
            int traces;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await using (var node = await NodeUnderTest.StartAsync(ct, database, Bank, arguments))
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.ApiToken);
                disabledBefore = await ChangeAsync(http, node.Url, "disable", ct) is (true, _);

                await File.WriteAllTextAsync($"/sys/fs/ext4/{Path.GetFileName(device)}/trigger_fs_error", "bench faults\n", ct);
                var clock = Stopwatch.StartNew();
                var (stored, body) = await ChangeAsync(http, node.Url, "enable", ct);
                answered = clock.Elapsed;
                refusedClearly = !stored && body.Contains("read-only", StringComparison.OrdinalIgnoreCase) && answered < TimeSpan.FromSeconds(10);
                duringNote = $"{(stored ? "STORED" : "refused")} in {answered.TotalSeconds:0.0} s ({DatabaseFaultScenario.OneLine(body)})";
                progress.WriteLine($"faults: {Fault}: the change during the fault: {duringNote}");
                await Task.Delay(hold, ct); // history fails to flush meanwhile; the banks must not notice
                live = await FreshAsync(http, node.Url, ct);
                traces = node.StackTraces();
            }

            // The fault clears as on a site: the filesystem checked and mounted again, the node started again.
            await SystemTool.RunAsync("umount", [mount], ct);
            await SystemTool.RunAsync("fsck.ext4", ["-f", "-y", device], ct, mustSucceed: false);
            await SystemTool.RunAsync("mount", ["-o", "errors=remount-ro", device, mount], ct);
            var cleared = Stopwatch.StartNew();
            await using var again = await NodeUnderTest.StartAsync(ct, database, Bank, arguments);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", again.ApiToken);
            bool keptBefore = await SecondaryEnabledAsync(http, again.Url, ct) == false;
            bool storedAfter = await ChangeAsync(http, again.Url, "enable", ct) is (true, _);
            var recovery = cleared.Elapsed;
            traces += again.StackTraces();

            var problems = new List<string>();
            if (!disabledBefore) problems.Add("the change before the fault was not stored");
            if (!refusedClearly) problems.Add($"the change during the fault was {duringNote}");
            if (!live) problems.Add("the bank's packs were not fresh during the fault");
            if (!keptBefore) problems.Add("after the restart the adapter was not disabled: the change before the fault was lost or the refused one half-applied");
            if (!storedAfter) problems.Add("the change was not stored after the fault cleared");
            if (traces > 0) problems.Add($"{traces} stack trace line(s) in the node's logs ({again.LogPath})");
            bool survived = problems.Count == 0;
            string note = survived
                ? $"during: {duringNote}; banks live; after fsck and a restart: the earlier change kept, stored {recovery.TotalSeconds:0.0} s after the node started"
                : string.Join("; ", problems);
            progress.WriteLine($"faults: {Fault}: {note}");
            return new FaultOutcome(Fault, answered, null, recovery, 0, null, traces, keptBefore ? 0 : 1, survived, note);
        }
        finally
        {
            await SystemTool.RunAsync("umount", ["-l", mount], CancellationToken.None, mustSucceed: false);
            await SystemTool.RunAsync("losetup", ["-d", device], CancellationToken.None, mustSucceed: false);
            try { File.Delete(image); Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Disables or enables the demo bank's secondary adapter: stored or not, and the node's answer.</summary>
    private static async Task<(bool Stored, string Body)> ChangeAsync(HttpClient http, Uri node, string verb, CancellationToken ct)
    {
        using var answer = await http.PostAsync(new Uri(node, $"{Bank}/adapters/secondary/{verb}"), null, ct);
        return (answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(ct));
    }

    private static async Task<bool?> SecondaryEnabledAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(node, Bank), ct));
        return json.RootElement.GetProperty("adapters").EnumerateArray()
            .Where(a => a.GetProperty("id").GetString() == "secondary").Select(a => (bool?)a.GetProperty("enabled").GetBoolean()).SingleOrDefault();
    }

    /// <summary>Every pack of the bank has values and none is stale.</summary>
    private static async Task<bool> FreshAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(node, Bank), ct));
        var packs = json.RootElement.GetProperty("packs").EnumerateArray().ToList();
        return packs.Count > 0 && packs.All(p => !p.GetProperty("stale").GetBoolean() && p.GetProperty("values").ValueKind == JsonValueKind.Object);
    }
}
