using Akka.Configuration;
using SolarHub.Core.Configuration;

namespace SolarHub.Core.Tests.Configuration;

public class SolarHubConfigTests
{
    [Fact]
    public void The_built_in_defaults_load()
    {
        AdapterSettings.Default.Should().Be(new AdapterSettings(TimeSpan.FromSeconds(5), 2048));
        SolarHubConfig.AdapterSettingsFrom(SolarHubConfig.Defaults).Should().Be(AdapterSettings.Default);
        SolarHubConfig.TimingsFor(SolarHubConfig.Defaults, "any").Should().Be(BankTimings.Default);

        var t = BankTimings.Default;
        (t.HeartbeatInterval, t.HeartbeatTimeout, t.DataDeadline).Should().Be((TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(2)));
        (t.BackoffMin, t.BackoffMax, t.FailbackHoldDown).Should().Be((TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)));
        (t.PackStaleAfter, t.CompleteSetGrace, t.Standby).Should().Be((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), StandbyMode.Hot));
    }

    [Fact]
    public void A_bank_override_applies_on_top_of_the_common_settings_of_the_host()
    {
        var host = ConfigurationFactory.ParseString("""
            solarhub.bank.data-deadline = 3s
            solarhub.banks."garage" { failback-hold-down = 30s }
            solarhub.adapter.read-buffer-size = 100
            """);

        var garage = SolarHubConfig.TimingsFor(host, "garage");
        garage.DataDeadline.Should().Be(TimeSpan.FromSeconds(3));
        garage.FailbackHoldDown.Should().Be(TimeSpan.FromSeconds(30));
        SolarHubConfig.TimingsFor(host, "shed").FailbackHoldDown.Should().Be(TimeSpan.FromSeconds(10));
        SolarHubConfig.AdapterSettingsFrom(host).ReadBufferSize.Should().Be(256, "the buffer has a floor");
    }
}
