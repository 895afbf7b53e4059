using Akka.Configuration;
using SolarHub.Core.Configuration;

namespace SolarHub.History.Tests;

public sealed class HistoryOptionsTests
{
    private static HistoryOptions Read(string hocon) => HistoryOptions.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(HistoryOptions.Defaults));

    [Fact]
    public void Defaults_come_from_the_embedded_hocon()
    {
        var options = Read("");
        options.Enabled.Should().BeTrue();
        options.SampleInterval.Should().Be(TimeSpan.FromSeconds(10));
        options.RawRetention.Should().Be(TimeSpan.FromDays(30));
        options.HourlyRetention.Should().Be(TimeSpan.FromDays(730));
        options.BatchSize.Should().Be(500);
        options.BufferLimit.Should().Be(100_000);
    }

    [Theory]
    [InlineData("solarhub.history.sample-interval = 0s", "solarhub.history.sample-interval")]
    [InlineData("solarhub.history.raw-retention = soon", "solarhub.history.raw-retention")]
    [InlineData("solarhub.history.batch-size = 0", "solarhub.history.batch-size")]
    [InlineData("solarhub.history.buffer-limit = 10", "solarhub.history.buffer-limit")]
    [InlineData("solarhub.history.hourly-retention = 1d", "solarhub.history.hourly-retention")]
    [InlineData("solarhub.history.enabled = maybe", "solarhub.history.enabled")]
    public void A_bad_value_is_refused_naming_its_key(string hocon, string key)
    {
        var read = () => Read(hocon);
        read.Should().Throw<ConfigurationException>().Which.Message.Should().StartWith(key);
    }
}
