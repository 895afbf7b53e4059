using Akka.Actor;
using Akka.Configuration;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>On a clustered node writes go to the cluster's one writer, reads to the node's own store, answered straight to the asker.</summary>
public sealed class ConfigWriteRouterTests : IDisposable
{
    private sealed class Named : ReceiveActor
    {
        public Named(string name) => ReceiveAny(m => Sender.Tell((name, m)));
    }

    private readonly ActorSystem _system = ActorSystem.Create("router-test", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Changes_and_replacements_go_to_the_writer_and_everything_else_to_the_local_store()
    {
        var writer = _system.ActorOf(Props.Create(() => new Named("writer")));
        var local = _system.ActorOf(Props.Create(() => new Named("local")));
        var router = _system.ActorOf(ConfigWriteRouter.Props(writer, local));
        var timeout = TimeSpan.FromSeconds(10);

        var propose = new ProposeChanges([new AdapterEnabledChanged("b1", "gw", false)], "api");
        var replace = new ReplaceConfig(SolarHub.Configuration.HubConfig.Empty, "import", DryRun: true);
        (await router.Ask<(string, object)>(propose, timeout)).Should().Be(("writer", (object)propose));
        (await router.Ask<(string, object)>(replace, timeout)).Should().Be(("writer", (object)replace));
        (await router.Ask<(string, object)>(GetStoredConfig.Instance, timeout)).Should().Be(("local", (object)GetStoredConfig.Instance));
        (await router.Ask<(string, object)>(SolarHub.Configuration.GetCurrentHubConfig.Instance, timeout)).Item1.Should().Be("local");
    }
}
