using System.Globalization;
using Akka.Actor;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Run;

/// <summary>Prints live bank telemetry and events to the console, one line each, as a subscriber of the event stream.</summary>
public sealed class TelemetryPrinter : ReceiveActor
{
    private readonly TextWriter _out;

    public TelemetryPrinter(TextWriter output)
    {
        _out = output;
        Receive<BankTelemetry>(t => Write(
            $"{t.BankId} {t.State,-8} active={t.ActiveAdapter ?? "none",-10} packs {t.PacksFresh}/{t.PacksTotal} fresh{(t.Stale ? " STALE" : "")}  " +
            $"{t.Voltage:0.00} V {t.Current,7:0.00} A {t.Power,8:0} W  SOC {t.Soc:0.0} %  cells {t.CellMin:0.000}..{t.CellMax:0.000} V  {t.TemperatureMin:0.#}..{t.TemperatureMax:0.#} °C"));
        Receive<FailoverOccurred>(f => Write($"{f.BankId} >>> {(f.IsFailback ? "FAILBACK" : "FAILOVER")} {f.From} -> {f.To}: {f.Reason}"));
        // A retry's turns are left out (the bank logs the first fault, a spent budget and "still failing" once a minute).
        Receive<AdapterStateChanged>(c =>
        {
            if (!c.Retry) Write($"{c.BankId} adapter {c.AdapterId}: {c.From} -> {c.To} ({c.Reason})");
        });
        Receive<BankAlarm>(a => Write($"{a.BankId} {(a.Cleared ? "alarm cleared" : "ALARM")} {a.Kind}: {a.Message}"));
    }

    public static Props Props(TextWriter output) => Akka.Actor.Props.Create(() => new TelemetryPrinter(output));

    protected override void PreStart()
    {
        var stream = Context.System.EventStream;
        stream.Subscribe(Self, typeof(BankTelemetry));
        stream.Subscribe(Self, typeof(FailoverOccurred));
        stream.Subscribe(Self, typeof(AdapterStateChanged));
        stream.Subscribe(Self, typeof(BankAlarm));
    }

    private void Write(string line) => _out.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
}
