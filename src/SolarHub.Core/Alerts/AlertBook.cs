using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Alerts;

/// <summary>
/// Every rule of every configured bank, judged on its telemetry: what <see cref="AlertWatcher"/> asks for each reading,
/// each tick and each configuration. Pure; returns the <see cref="AlertRaised"/> and <see cref="AlertCleared"/> to
/// publish. Banks that are not configured are not judged.
/// </summary>
public sealed class AlertBook
{
    private readonly Dictionary<(string Bank, AlertKind Kind, byte? Pack), AlertCondition> _conditions = new();
    private readonly Dictionary<string, BankRules> _banks = new(StringComparer.Ordinal);
    // Series whose values are not live (a stale pack, a stale bank): a pending threshold does not complete on old figures.
    private readonly HashSet<(string Bank, byte? Pack)> _frozen = new();
    // Packs that ever reported: the bank says nothing of a pack it never heard, so its silence is judged from the bank's totals.
    private readonly HashSet<(string Bank, byte Pack)> _heard = new();

    private sealed record BankRules(string Name, string? PreferredAdapter, IReadOnlyDictionary<AlertKind, AlertRule> Rules, IReadOnlySet<byte> Packs);

    public AlertsConfig? Config { get; private set; }

    /// <summary>The rules of each configured bank, in configuration order.</summary>
    public IEnumerable<(string BankId, IReadOnlyList<AlertRule> Rules)> Rules =>
        _banks.Select(b => (b.Key, (IReadOnlyList<AlertRule>)b.Value.Rules.Values.OrderBy(r => r.Kind).ToList()));

    public IReadOnlyList<ActiveAlert> Active =>
        _conditions.Where(c => c.Value.Active)
            .OrderBy(c => c.Key.Bank, StringComparer.Ordinal).ThenBy(c => c.Key.Kind).ThenBy(c => c.Key.Pack)
            .Select(c => new ActiveAlert(c.Key.Bank, c.Key.Kind, c.Key.Pack, c.Value.Value, c.Value.Rule.Raise, c.Value.Since,
                Text(c.Key.Bank, c.Key.Pack, c.Value.Rule, c.Value.Value, raised: true)))
            .ToList();

    /// <summary>Takes the banks and rules of <paramref name="config"/>; an alert whose rule went off or whose bank went away clears.</summary>
    public IReadOnlyList<object> Apply(HubConfig config, DateTimeOffset now)
    {
        Config = config.Alerts;
        _banks.Clear();
        foreach (var bank in config.Banks)
            _banks[bank.Id] = new BankRules(bank.Name, bank.FailoverOrder.FirstOrDefault()?.Id,
                AlertsConfig.Effective(config.Alerts, bank.Id).ToDictionary(r => r.Kind), bank.Packs.Select(p => p.Address).ToHashSet());
        var events = new List<object>();
        foreach (var (key, condition) in _conditions.ToList())
        {
            var rule = _banks.TryGetValue(key.Bank, out var bank) && (key.Pack is not { } pack || bank.Packs.Contains(pack)) ? bank.Rules[key.Kind] : null;
            if (rule is { Enabled: true })
            {
                condition.Rule = rule;
                continue;
            }
            _conditions.Remove(key);
            if (condition.Active)
                events.Add(new AlertCleared(key.Bank, key.Kind, key.Pack, condition.Value, condition.Rule.Clear, now,
                    $"{Subject(key.Bank, key.Pack)}: {condition.Rule.Spec.Title.ToLowerInvariant()} cleared: " +
                    (rule is not null ? "the rule was switched off" : bank is null ? "the bank is no longer configured" : "the pack is no longer configured")));
        }
        return events;
    }

    /// <summary>
    /// The bank left this node for another (<see cref="BankLeftNode"/>): its conditions here are dropped without a clear,
    /// as the node that runs it now judges it. A bank no longer configured was cleared by <see cref="Apply"/> already.
    /// </summary>
    public void Forget(string bankId)
    {
        foreach (var key in _conditions.Keys.Where(k => k.Bank == bankId).ToList()) _conditions.Remove(key);
        _frozen.RemoveWhere(k => k.Bank == bankId);
        _heard.RemoveWhere(k => k.Bank == bankId);
    }

    public IReadOnlyList<object> Observe(PackTelemetry pack, DateTimeOffset now)
    {
        if (pack.Stale) Freeze(pack.BankId, pack.Address);
        else _frozen.Remove((pack.BankId, pack.Address));
        _heard.Add((pack.BankId, pack.Address));
        return Observe(pack.BankId, pack.Address, AlertSignals.Of(pack), now);
    }

    public IReadOnlyList<object> Observe(BankTelemetry bank, DateTimeOffset now)
    {
        if (!_banks.TryGetValue(bank.BankId, out var rules)) return [];
        if (bank.Stale) Freeze(bank.BankId, null);
        else _frozen.Remove((bank.BankId, null));
        var events = Observe(bank.BankId, null, AlertSignals.Of(bank, rules.PreferredAdapter), now);
        if (bank.State == BankState.Starting) return events;
        // A configured pack never heard from once the bank is past starting: stale from the start.
        List<object>? silent = null;
        foreach (var address in rules.Packs)
            if (!_heard.Contains((bank.BankId, address)))
                foreach (var e in Observe(bank.BankId, address, [(AlertKind.PackStale, 1)], now)) (silent ??= [.. events]).Add(e);
        return (IReadOnlyList<object>?)silent ?? events;
    }

    /// <summary>The latest values again: a duration ends even when readings are sparse.</summary>
    public IReadOnlyList<object> Tick(DateTimeOffset now)
    {
        var events = new List<object>();
        foreach (var (key, condition) in _conditions)
        {
            // Conditions (stale, standby, Down) hold on their last reading; a frozen series' thresholds do not.
            if (condition.Rule.Spec.HasThresholds && _frozen.Contains((key.Bank, key.Pack))) continue;
            if (condition.Recheck(now) is var t and not AlertTransition.None) events.Add(Event(key, condition, t, now));
        }
        return events;
    }

    // Old figures must not complete a wait that began on live ones.
    private void Freeze(string bankId, byte? pack)
    {
        if (!_frozen.Add((bankId, pack))) return;
        foreach (var (key, condition) in _conditions)
            if (key.Bank == bankId && key.Pack == pack && condition.Rule.Spec.HasThresholds) condition.Interrupt();
    }

    // The hot path (every reading of every pack): nothing is allocated for the events unless there are some.
    private IReadOnlyList<object> Observe(string bankId, byte? pack, IEnumerable<(AlertKind Kind, double Value)> signals, DateTimeOffset now)
    {
        List<object>? events = null;
        if (!_banks.TryGetValue(bankId, out var bank) || (pack is { } address && !bank.Packs.Contains(address))) return [];
        foreach (var (kind, value) in signals)
        {
            var rule = bank.Rules[kind];
            if (!rule.Enabled) continue;
            var key = (bankId, kind, rule.Spec.PerPack ? pack : null);
            if (!_conditions.TryGetValue(key, out var condition)) _conditions[key] = condition = new AlertCondition(rule);
            if (condition.Observe(value, now) is var t and not AlertTransition.None) (events ??= []).Add(Event(key, condition, t, now));
        }
        return (IReadOnlyList<object>?)events ?? [];
    }

    private object Event((string Bank, AlertKind Kind, byte? Pack) key, AlertCondition condition, AlertTransition transition, DateTimeOffset now)
    {
        var rule = condition.Rule;
        var raised = transition == AlertTransition.Raised;
        var message = Text(key.Bank, key.Pack, rule, condition.Value, raised);
        return raised
            ? new AlertRaised(key.Bank, key.Kind, key.Pack, condition.Value, rule.Raise, now, message)
            : new AlertCleared(key.Bank, key.Kind, key.Pack, condition.Value, rule.Clear, now, message);
    }

    private string Subject(string bankId, byte? pack)
    {
        var name = _banks.TryGetValue(bankId, out var bank) ? bank.Name : bankId;
        return pack is { } address ? $"bank {name}, pack {address}" : $"bank {name}";
    }

    // A sentence a user understands: what, where, the value and the rule.
    private string Text(string bankId, byte? pack, AlertRule rule, double value, bool raised)
    {
        var spec = rule.Spec;
        var subject = Subject(bankId, pack);
        var wait = $"{AlertRule.Seconds(rule.For)} s";
        if (!spec.HasThresholds)
            return raised ? $"{subject}: {ConditionText(rule.Kind)} for {wait}" : $"{subject}: {spec.Title.ToLowerInvariant()} cleared";
        var direction = spec.Above ? (raised ? "at or above" : "at or below") : (raised ? "at or below" : "at or above");
        var threshold = raised ? rule.Raise : rule.Clear;
        return $"{subject}: {spec.Title.ToLowerInvariant()} {(raised ? "" : "back to ")}{AlertRule.Number(value)} {spec.Unit} " +
               $"({direction} {AlertRule.Number(threshold)} {spec.Unit} for {wait})";
    }

    private static string ConditionText(AlertKind kind) => kind switch
    {
        AlertKind.PackStale => "no fresh data",
        AlertKind.StandbyAdapter => "read through a standby adapter, not the preferred one",
        AlertKind.BankDown => "down: no adapter delivers data",
        _ => kind.ToString(),
    };
}
