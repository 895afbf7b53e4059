using System.Text.Json;
using SolarHub.Configuration;
using SolarHub.Configuration.Validation;
using SolarHub.Database;

namespace SolarHub.ConfigStore.StartCopy;

/// <summary>
/// The configuration a node last applied, kept beside its SQLite database (<c>&lt;database&gt;.start.json</c>) so that the
/// next start runs the banks at once instead of after the store's recovery (half a second of a small board's start,
/// docs/benchmarks.md, issue 15), and its store rests on it until the configuration changes. It is used only when its
/// <see cref="Version"/> is the journal's latest and was stored when <see cref="StoredAt"/> says (<see cref="StoredVersion"/>):
/// any change stored since, by any process, or another database's history put in its place (a backup restored),
/// makes the node wait for the store as before.
/// </summary>
public sealed record ConfigStartCopy(long Version, HubConfig Config)
{
    public const string Suffix = ".start.json";

    /// <summary>When the journal stored <see cref="Version"/> (its <c>created</c> column); null in a copy that did not
    /// read it (an older SolarHub's), which is never used.</summary>
    public long? StoredAt { get; init; }

    /// <summary>The copy of <paramref name="version"/> of <paramref name="database"/>, with when the journal stored it.</summary>
    /// <exception cref="System.Data.Common.DbException">The journal cannot be read.</exception>
    public static async Task<ConfigStartCopy> OfStoredAsync(ConfigDatabase database, long version, HubConfig config, CancellationToken ct) =>
        new(version, config) { StoredAt = await StoredVersion.StoredAtAsync(database, version, ct) };

    /// <summary>Where the copy of <paramref name="database"/> lives; null for PostgreSQL (a cluster's or a server's database: no copy).</summary>
    public static string? PathFor(ConfigDatabase database) => database.SqliteFile is { } file ? file + Suffix : null;

    /// <summary>The copy of <paramref name="database"/> when it holds the stored configuration's latest version; null otherwise.</summary>
    public static async Task<ConfigStartCopy?> ReadCurrentAsync(ConfigDatabase database, CancellationToken ct)
    {
        if (PathFor(database) is not { } path || TryRead(path) is not { } copy) return null;
        try
        {
            return copy.StoredAt is { } storedAt && await StoredVersion.ReadLatestAsync(database, ct) == (copy.Version, storedAt) ? copy : null;
        }
        catch (System.Data.Common.DbException)
        {
            return null; // no journal yet (a new database), or it cannot be read: the store says why
        }
    }

    /// <summary>The copy at <paramref name="path"/>, or null when there is none or it cannot be read (a copy is only ever a head start).</summary>
    public static ConfigStartCopy? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            using var file = File.OpenRead(path);
            var copy = JsonSerializer.Deserialize(file, ConfigStartCopyJson.Contract.GetTypeInfo(typeof(ConfigStartCopy))) as ConfigStartCopy;
            // A file cut short or edited by hand: only a whole, valid configuration is run (as the store holds only such).
            return copy is { Version: > 0 } && IsWhole(copy.Config) && HubConfigValidator.Validate(copy.Config).Count == 0 ? copy : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    // The serializer refuses nulls in properties; these are the lists' elements, which it does not look into.
    private static bool IsWhole(HubConfig config) =>
        config.Banks.All(b => b is not null && b.Packs.All(p => p is not null) && b.Adapters.All(a => a is not null))
        && config.BatteryArrays.All(a => a is not null && a.BankIds.All(id => id is not null))
        && config.IgnoredSections.All(s => s is not null)
        && (config.Alerts?.Overrides ?? []).All(o => o is not null);

    /// <summary>
    /// Writes the copy whole or not at all (a temporary file renamed over the old one), readable by its owner only: the
    /// configuration may hold the MQTT broker's password, as the database does.
    /// </summary>
    public async Task WriteAsync(string path, CancellationToken ct)
    {
        // A name of its own: a node and a `solarhub config` verb may both write the copy of one database.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var file = new FileStream(temporary, options))
                await JsonSerializer.SerializeAsync(file, this, ConfigStartCopyJson.Contract.GetTypeInfo(typeof(ConfigStartCopy)), ct);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // A write that failed half-way (a full disk) leaves nothing behind, if it can; the write's own error is the one reported.
            try { File.Delete(temporary); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }
}
