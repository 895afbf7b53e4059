using Akka.Actor;
using SolarHub.Core.Telemetry;

namespace SolarHub.EmbeddingSample;

/// <summary>
/// The application's own actor: subscribes to SolarHub's events on the actor system's event stream and "does something"
/// with them (here: prints a line). Pack telemetry arrives per frame, so it is summarised, not printed frame by frame.
/// </summary>
public sealed class PlantDashboard : ReceiveActor
{
    private readonly TextWriter _out;
    private readonly Dictionary<(string Bank, byte Address), bool> _packStale = new();
    private long _packFrames;

    public PlantDashboard(TextWriter output)
    {
        _out = output;
        Receive<PackTelemetry>(p =>
        {
            _packFrames++;
            // A line when a pack is first seen and whenever its freshness changes.
            if (_packStale.TryGetValue((p.BankId, p.Address), out var wasStale) && wasStale == p.Stale) return;
            _packStale[(p.BankId, p.Address)] = p.Stale;
            Write($"pack telemetry: {p.BankId} pack {p.Address} {(p.Stale ? "STALE" : "fresh")} via {p.AdapterId ?? "-"}: " +
                $"{p.PackVoltage:0.00} V {p.Current:0.00} A SOC {p.Soc} % cells {p.CellMin:0.000}..{p.CellMax:0.000} V");
        });
        Receive<BankTelemetry>(t => Write(
            $"bank telemetry: {t.BankId} {t.State} active={t.ActiveAdapter ?? "none"} packs {t.PacksFresh}/{t.PacksTotal} fresh " +
            $"{t.Voltage:0.00} V {t.Current:0.00} A {t.Power:0} W SOC {t.Soc:0.0} % ({_packFrames} pack frames so far)"));
        Receive<FailoverOccurred>(f => Write($"{(f.IsFailback ? "FAILBACK" : "FAILOVER")}: {f.BankId} {f.From ?? "none"} -> {f.To}: {f.Reason}"));
        Receive<AdapterStateChanged>(c => Write($"adapter: {c.BankId}/{c.AdapterId} {c.From} -> {c.To} ({c.Reason})"));
        Receive<BankAlarm>(a => Write($"{(a.Cleared ? "alarm cleared" : "ALARM")}: {a.BankId} {a.Kind}: {a.Message}"));
    }

    public static Props Props(TextWriter output) => Akka.Actor.Props.Create(() => new PlantDashboard(output));

    protected override void PreStart()
    {
        // Each event type is its own subscription; subscribing to a base type (object) would bring every event of the system.
        var stream = Context.System.EventStream;
        stream.Subscribe(Self, typeof(PackTelemetry));
        stream.Subscribe(Self, typeof(BankTelemetry));
        stream.Subscribe(Self, typeof(FailoverOccurred));
        stream.Subscribe(Self, typeof(AdapterStateChanged));
        stream.Subscribe(Self, typeof(BankAlarm));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Write(string line) => _out.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
