using System.Globalization;
using System.Text.RegularExpressions;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Simulator;

/// <summary>
/// A fault given as text, e.g. on <c>solarhub simulate --fault</c>: <c>KIND[=VALUE][@AT][+FOR][*EVERY]</c>.
/// AT, FOR and EVERY are durations (<c>500ms</c>, <c>5s</c>, <c>2m</c>; a bare number is seconds).
/// See <see cref="Syntax"/> for the kinds.
/// </summary>
public sealed partial class ScheduledFault
{
    /// <summary>One line per kind, for help texts.</summary>
    public const string Syntax =
        "KIND[=VALUE][@AT][+FOR][*EVERY]  (durations: 500ms, 5s, 2m; bare number = seconds)\n" +
        "  rst                 close every connection with a TCP RST\n" +
        "  silence             half-open: stop sending, keep connections open\n" +
        "  accept-silent       accept new connections, never send to them\n" +
        "  drip=50ms           send one byte per interval\n" +
        "  split=7             send in random writes of 1..N bytes\n" +
        "  merge=4             send N messages per write\n" +
        "  garbage=64          inject N random bytes\n" +
        "  corrupt[=N]         wrong checksum on the next N frames (default: all)\n" +
        "  crc[=N]             wrong CRC on the next N polls/acks (default: all)\n" +
        "  missing=ADDR        the pack stops answering\n" +
        "  soc=ADDR:PERCENT    pin a pack's SOC\n" +
        "  current=ADDR:AMPS   pin a pack's current (negative = discharge)\n" +
        "  cells=ADDR:MV       pin every cell of a pack\n" +
        "  temp=ADDR:CELSIUS   pin every temperature of a pack\n" +
        "  alarms=ADDR:MASK    pin a pack's alarm bits (0x… or decimal)\n" +
        "  clear               clear every fault\n" +
        "e.g. rst@5s*30s, silence@10s+5s, soc=2:15@20s, missing=3@1m+30s";

    private readonly Action<FaultController> _apply;
    private readonly Action<FaultController>? _revert;

    private ScheduledFault(string text, string kind, TimeSpan at, TimeSpan? duration, TimeSpan? every,
        Action<FaultController> apply, Action<FaultController>? revert)
    {
        Text = text;
        Kind = kind;
        At = at;
        For = duration;
        Every = every;
        _apply = apply;
        _revert = revert;
    }

    public string Text { get; }
    public string Kind { get; }

    /// <summary>When it is first applied, from the start of the simulation.</summary>
    public TimeSpan At { get; }

    /// <summary>How long it lasts before it is cleared; null = until the end.</summary>
    public TimeSpan? For { get; }

    /// <summary>Repeat period; null = once.</summary>
    public TimeSpan? Every { get; }

    /// <summary>True for faults that happen once (rst, garbage, clear) rather than last.</summary>
    public bool IsOneShot => _revert is null;

    public void Apply(FaultController faults) => _apply(faults);

    /// <summary>Clears what <see cref="Apply"/> set; nothing for one-shot faults.</summary>
    public void Revert(FaultController faults) => _revert?.Invoke(faults);

    public override string ToString() => Text;

    public static ScheduledFault Parse(string text) =>
        TryParse(text, out var fault, out var error) ? fault : throw new FormatException(error);

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScheduledFault? fault, out string? error)
    {
        fault = null;
        error = null;
        var m = Pattern().Match(text.Trim());
        if (!m.Success) { error = $"'{text}' is not KIND[=VALUE][@AT][+FOR][*EVERY]."; return false; }
        string kind = m.Groups["kind"].Value.ToLowerInvariant();
        string? value = m.Groups["value"].Success ? m.Groups["value"].Value : null;
        TimeSpan at = TimeSpan.Zero;
        TimeSpan? duration = null, every = null;
        if (m.Groups["at"].Success && !TryDuration(m.Groups["at"].Value, out at)
            || m.Groups["for"].Success && !TryNullableDuration(m.Groups["for"].Value, out duration)
            || m.Groups["every"].Success && !TryNullableDuration(m.Groups["every"].Value, out every))
        {
            error = $"'{text}': bad duration (use 500ms, 5s, 2m).";
            return false;
        }
        if (every is { } period && (period <= TimeSpan.Zero || duration is { } d && d >= period))
        {
            error = $"'{text}': EVERY must be positive and longer than FOR.";
            return false;
        }

        if (!TryBuild(kind, value, out var apply, out var revert, out error)) { error = $"'{text}': {error}"; return false; }
        if (revert is null && duration is not null) { error = $"'{text}': {kind} happens once; it cannot last (+FOR)."; return false; }
        fault = new ScheduledFault(text, kind, at, duration, every, apply, revert);
        return true;
    }

    private static bool TryBuild(string kind, string? value, out Action<FaultController> apply, out Action<FaultController>? revert, out string? error)
    {
        apply = _ => { };
        revert = null;
        error = null;
        switch (kind)
        {
            case "rst" or "reset":
                apply = f => f.ResetConnections();
                return NoValue(value, out error);
            case "silence" or "half-open":
                apply = f => f.Silence();
                revert = f => f.Clear(FaultKind.Silence);
                return NoValue(value, out error);
            case "accept-silent":
                apply = f => f.SilenceNewConnections();
                revert = f => f.Clear(FaultKind.SilenceNewConnections);
                return NoValue(value, out error);
            case "drip":
            {
                var interval = TimeSpan.FromMilliseconds(50);
                if (value is not null && (!TryDuration(value, out interval, bareUnit: "ms") || interval <= TimeSpan.Zero))
                    return Fail("drip takes a positive interval, e.g. drip=20ms.", out error);
                apply = f => f.Drip(interval);
                revert = f => f.Clear(FaultKind.Drip);
                return true;
            }
            case "split":
            {
                if (!TryCount(value, 7, 1, out int max)) return Fail("split takes a byte count ≥ 1.", out error);
                apply = f => f.SplitWrites(max);
                revert = f => f.Clear(FaultKind.SplitWrites);
                return true;
            }
            case "merge":
            {
                if (!TryCount(value, 4, 2, out int messages)) return Fail("merge takes a message count ≥ 2.", out error);
                apply = f => f.MergeWrites(messages);
                revert = f => f.Clear(FaultKind.MergeWrites);
                return true;
            }
            case "garbage":
            {
                if (!TryCount(value, 64, 1, out int bytes)) return Fail("garbage takes a byte count ≥ 1.", out error);
                apply = f => f.InjectGarbage(bytes);
                return true;
            }
            case "corrupt":
            {
                if (!TryCount(value, int.MaxValue, 1, out int frames)) return Fail("corrupt takes a frame count ≥ 1.", out error);
                apply = f => f.CorruptChecksums(frames);
                revert = f => f.Clear(FaultKind.CorruptChecksums);
                return true;
            }
            case "crc":
            {
                if (!TryCount(value, int.MaxValue, 1, out int messages)) return Fail("crc takes a message count ≥ 1.", out error);
                apply = f => f.CorruptCrcs(messages);
                revert = f => f.Clear(FaultKind.CorruptCrcs);
                return true;
            }
            case "missing":
            {
                if (!byte.TryParse(value, CultureInfo.InvariantCulture, out byte address)) return Fail("missing takes a pack address, e.g. missing=2.", out error);
                apply = f => f.MakePackMissing(address);
                revert = f => f.RestorePack(address);
                return true;
            }
            case "soc" or "current" or "cells" or "temp" or "alarms":
            {
                if (!TryPackValue(kind, value, out byte address, out var pins, out error)) return false;
                apply = f => f.SetPackValues(address, pins);
                revert = f => f.ClearPackValues(address);
                return true;
            }
            case "clear":
                apply = f => f.ClearAll();
                return NoValue(value, out error);
            default:
                return Fail($"unknown fault '{kind}'.", out error);
        }
    }

    private static bool TryPackValue(string kind, string? value, out byte address, out PackOverrides pins, out string? error)
    {
        address = 0;
        pins = default;
        error = null;
        var parts = value?.Split(':', 2);
        if (parts is not { Length: 2 } || !byte.TryParse(parts[0], CultureInfo.InvariantCulture, out address))
            return Fail($"{kind} takes ADDR:VALUE, e.g. {kind}=2:{kind switch { "soc" => "15", "current" => "-40.5", "cells" => "3300", "temp" => "45", _ => "0x800" }}.", out error);
        string v = parts[1];
        const NumberStyles number = NumberStyles.Float;
        var ci = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case "soc" when byte.TryParse(v, ci, out byte soc) && soc <= 100:
                pins = new PackOverrides { Soc = soc }; return true;
            case "current" when double.TryParse(v, number, ci, out double amps) && Math.Abs(amps) < 2_000_000:
                pins = new PackOverrides { CurrentMa = (int)Math.Round(amps * 1000) }; return true;
            case "cells" when short.TryParse(v, ci, out short mv) && mv >= 0:
                pins = new PackOverrides { CellVoltageMv = mv }; return true;
            case "temp" when double.TryParse(v, number, ci, out double celsius) && Math.Abs(celsius) < 3000:
                pins = new PackOverrides { TemperatureDeci = (short)Math.Round(celsius * 10) }; return true;
            case "alarms" when TryMask(v, out uint mask):
                pins = new PackOverrides { Alarms = (JkAlarms)mask }; return true;
            default:
                return Fail($"{kind}: '{v}' is out of range.", out error);
        }
    }

    private static bool TryMask(string text, out uint mask) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mask)
            : uint.TryParse(text, CultureInfo.InvariantCulture, out mask);

    private static bool TryCount(string? value, int fallback, int min, out int count)
    {
        count = fallback;
        return value is null || (int.TryParse(value, CultureInfo.InvariantCulture, out count) && count >= min);
    }

    private static bool NoValue(string? value, out string? error)
    {
        error = value is null ? null : "takes no value.";
        return value is null;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static bool TryNullableDuration(string text, out TimeSpan? duration)
    {
        bool ok = TryDuration(text, out var value);
        duration = ok ? value : null;
        return ok;
    }

    /// <summary>Parses <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>; a bare number is in <paramref name="bareUnit"/>.</summary>
    public static bool TryDuration(string text, out TimeSpan duration, string bareUnit = "s")
    {
        duration = default;
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double n)) return false;
        string unit = m.Groups["unit"].Success ? m.Groups["unit"].Value.ToLowerInvariant() : bareUnit;
        double ms = unit switch { "ms" => n, "s" => n * 1000, "m" or "min" => n * 60_000, "h" => n * 3_600_000, _ => double.NaN };
        if (double.IsNaN(ms) || ms < 0 || ms > TimeSpan.MaxValue.TotalMilliseconds / 2) return false;
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    [GeneratedRegex(@"^(?<kind>[A-Za-z-]+)(=(?<value>[^@+*]+))?(@(?<at>[^@+*]+))?(\+(?<for>[^@+*]+))?(\*(?<every>[^@+*]+))?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>ms|s|min|m|h)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
