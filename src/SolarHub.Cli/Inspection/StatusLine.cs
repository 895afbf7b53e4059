using SolarHub.Configuration;

namespace SolarHub.Cli.Inspection;

/// <summary>A bank's status on one line, for <c>watch</c> against a node without an event stream; ids shown safely (<see cref="PrintableText"/>).</summary>
public static class StatusLine
{
    public static string Format(BankSummary b, DateTimeOffset at) => PrintableText.Escape(
        $"{Figures.Clock(at)} {b.Id} {b.State ?? Figures.Missing} active={b.ActiveAdapter ?? "none"} packs {Figures.Fraction(b.PacksFresh, b.PacksTotal)} fresh  " +
        $"{Figures.Number(b.Voltage, "0.00")} V {Figures.Number(b.Current, "0.00")} A {Figures.Number(b.Power, "0")} W  SOC {Figures.Number(b.Soc, "0.0")} %");

    public static string ActiveChanged(string bankId, string? from, string? to, DateTimeOffset at) =>
        PrintableText.Escape($"{Figures.Clock(at)} {bankId} active adapter {from ?? "none"} -> {to ?? "none"}");
}
