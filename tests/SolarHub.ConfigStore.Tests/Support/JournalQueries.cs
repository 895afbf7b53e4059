using SolarHub.TestSupport;

namespace SolarHub.ConfigStore.Tests.Support;

/// <summary>What the configuration store wrote into a test's database.</summary>
public static class JournalQueries
{
    public static long JournalRows(this TestDatabase db) => db.Scalar($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{HubConfigStore.Id}'");

    public static long LatestSnapshot(this TestDatabase db) => db.Scalar($"SELECT MAX(sequence_number) FROM snapshot WHERE persistence_id = '{HubConfigStore.Id}'");
}
