using SolarHub.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// What an operator's command on one adapter is answered without changing anything: an adapter the bank does not know,
/// one the command does not apply to in its state, or a change already made. Null means the command goes ahead. The
/// answers are sentences an operator reads in the CLI or the API.
/// </summary>
public static class AdapterCommandChecks
{
    public static object? Force(BankConfig config, BankAdapters adapters, string adapterId)
    {
        if (config.Adapters.All(a => a.Id != adapterId)) return new AdapterNotFound(config.Id, adapterId);
        if (adapters.Find(adapterId) is not { } t)
            return new AdapterCommandRefused(config.Id, adapterId, $"adapter '{adapterId}' is disabled: enable it first");
        if (t.State != AdapterState.Healthy)
            return new AdapterCommandRefused(config.Id, adapterId, $"adapter '{adapterId}' is {t.State} ({t.StateReason}): only a healthy adapter can be forced active");
        return null;
    }

    public static object? Release(BankConfig config, string? forced, string adapterId)
    {
        if (config.Adapters.All(a => a.Id != adapterId)) return new AdapterNotFound(config.Id, adapterId);
        if (forced != adapterId) return new AdapterCommandDone(config.Id, adapterId, $"adapter '{adapterId}' was not forced active; nothing changed");
        return null;
    }

    public static object? SetEnabled(BankConfig config, string adapterId, bool enabled)
    {
        var adapter = config.Adapters.FirstOrDefault(a => a.Id == adapterId);
        if (adapter is null) return new AdapterNotFound(config.Id, adapterId);
        if (adapter.Enabled == enabled) return new AdapterCommandDone(config.Id, adapterId, $"adapter '{adapterId}' was already {(enabled ? "enabled" : "disabled")}");
        return null;
    }
}
