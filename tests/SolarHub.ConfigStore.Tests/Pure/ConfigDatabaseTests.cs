using SolarHub.Database;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>What <c>--database</c> accepts: a SQLite path, a PostgreSQL URL or connection string; another URL scheme is refused.</summary>
public class ConfigDatabaseTests
{
    [Theory]
    [InlineData("mysql://x@127.0.0.1/db", "mysql")]
    [InlineData("sqlite:///var/lib/solarhub/solarhub.db", "sqlite")]
    [InlineData("http://127.0.0.1:5080", "http")]
    public void Another_url_scheme_is_refused_naming_it_and_nothing_is_created(string value, string scheme)
    {
        var before = Directory.GetFileSystemEntries(Environment.CurrentDirectory);

        var parse = () => ConfigDatabase.Parse(value);

        parse.Should().Throw<ArgumentException>().WithMessage($"'{scheme}://' is not a database SolarHub can use: give a SQLite file path or postgresql://user:password@host:port/database");
        Directory.GetFileSystemEntries(Environment.CurrentDirectory).Should().BeEquivalentTo(before);
    }

    [Theory]
    [InlineData("postgresql://solarhub@127.0.0.1:5433/hub", DatabaseKind.PostgreSql, "postgresql://127.0.0.1:5433/hub")]
    [InlineData("postgres://solarhub@db/hub", DatabaseKind.PostgreSql, "postgresql://db:5432/hub")]
    [InlineData("Host=db;Database=hub;Username=solarhub", DatabaseKind.PostgreSql, "postgresql://db:5432/hub")]
    public void PostgreSql_urls_and_connection_strings_are_accepted(string value, DatabaseKind kind, string description)
    {
        var database = ConfigDatabase.Parse(value);

        database.Kind.Should().Be(kind);
        database.Description.Should().Be(description);
    }

    [Fact]
    public void A_plain_path_is_a_sqlite_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-{Guid.NewGuid():N}", "hub.db");

        var database = ConfigDatabase.Parse(path, createFolder: false);

        database.Kind.Should().Be(DatabaseKind.Sqlite);
        database.Description.Should().Be($"sqlite:{path}");
        Directory.Exists(Path.GetDirectoryName(path)).Should().BeFalse("a reader's parse creates no folder");
    }
}
