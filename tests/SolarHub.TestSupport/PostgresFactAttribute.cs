using Xunit;

namespace SolarHub.TestSupport;

/// <summary>
/// A test against the PostgreSQL test server. Without <c>SOLARHUB_TEST_POSTGRES</c> it is skipped on a developer's
/// machine, but in CI (<c>CI=true</c>) it runs and fails, saying how to start the server: CI never passes by skipping.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        bool configured = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!configured && !ci)
            Skip = $"{TestDatabase.PostgresVariable} is not set (scripts/postgres-test-server.sh start <dir> prints it); in CI this test fails instead";
    }
}
