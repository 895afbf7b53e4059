using System.Globalization;
using Akka.Actor;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Run;

/// <summary>
/// Prints live bank telemetry and events to the console, one line each, as a subscriber of the event stream; on a
/// cluster node also those of the other nodes' banks (relayed), each with the node that runs the bank.
/// </summary>
public sealed class TelemetryPrinter : ReceiveActor
{
    private static readonly Type[] Printed = [typeof(BankTelemetry), typeof(FailoverOccurred), typeof(AdapterStateChanged), typeof(BankAlarm)];

    private readonly TextWriter _out;

    public TelemetryPrinter(TextWriter output)
    {
        _out = output;
        Receive<RelayedBankEvent>(relayed =>
        {
            if (Line(relayed.Event) is { } line) Write($"[{relayed.Node}] {line}");
        });
        ReceiveAny(bankEvent =>
        {
            if (Line(bankEvent) is { } line) Write(line);
        });
    }

    public static Props Props(TextWriter output) => Akka.Actor.Props.Create(() => new TelemetryPrinter(output));

    protected override void PreStart()
    {
        var stream = Context.System.EventStream;
        foreach (var type in Printed) stream.Subscribe(Self, type);
        stream.Subscribe(Self, typeof(RelayedBankEvent));
    }

    /// <summary>The line of a bank event; null for what is not printed.</summary>
    private static string? Line(object bankEvent) => bankEvent switch
    {
        BankTelemetry t =>
            $"{t.BankId} {t.State,-8} active={t.ActiveAdapter ?? "none",-10} packs {t.PacksFresh}/{t.PacksTotal} fresh{(t.Stale ? " STALE" : "")}  " +
            $"{t.Voltage:0.00} V {t.Current,7:0.00} A {t.Power,8:0} W  SOC {t.Soc:0.0} %  cells {t.CellMin:0.000}..{t.CellMax:0.000} V  {t.TemperatureMin:0.#}..{t.TemperatureMax:0.#} °C",
        FailoverOccurred f => $"{f.BankId} >>> {(f.IsFailback ? "FAILBACK" : "FAILOVER")} {f.From} -> {f.To}: {f.Reason}",
        // A retry's turns are left out (the bank logs the first fault, a spent budget and "still failing" once a minute).
        AdapterStateChanged { Retry: false } c => $"{c.BankId} adapter {c.AdapterId}: {c.From} -> {c.To} ({c.Reason})",
        BankAlarm a => $"{a.BankId} {(a.Cleared ? "alarm cleared" : "ALARM")} {a.Kind}: {a.Message}",
        _ => null,
    };

    private void Write(string line) => _out.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
}
