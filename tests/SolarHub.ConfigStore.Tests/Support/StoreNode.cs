using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.ConfigStore.Tests.Support;

/// <summary>
/// One process's view of the store: a generic host running an actor system with the <see cref="HubConfigStore"/>
/// on <paramref name="database"/>, built the way the CLI and <c>solarhub run</c> build theirs. Two nodes on one
/// database are two clients.
/// </summary>
public sealed class StoreNode : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost _host;

    private StoreNode(IHost host)
    {
        _host = host;
        Services = host.Services;
        System = host.Services.GetRequiredService<ActorSystem>();
        Store = host.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
    }

    public IServiceProvider Services { get; }
    public ActorSystem System { get; }
    public IActorRef Store { get; }

    /// <param name="restOn">The database's start copy: the store rests on it (a node run from its copy).</param>
    public static async Task<StoreNode> StartAsync(ConfigDatabase database, bool followJournal = false, Action<AkkaConfigurationBuilder>? more = null, string name = "store-test",
        ConfigStore.StartCopy.ConfigStartCopy? restOn = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka(name, akka =>
        {
            akka.AddHocon("akka.loglevel = WARNING\nakka.log-dead-letters = off\nakka.stdout-loglevel = WARNING", HoconAddMode.Prepend);
            akka.WithSolarHubConfigStore(database, followJournal || restOn is not null, restOn: restOn);
            more?.Invoke(akka);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new StoreNode(host);
    }

    public async Task<StoredConfig> GetAsync() => await Store.Ask<StoredConfig>(GetStoredConfig.Instance, AskTimeout);

    public Task<object> ProposeAsync(params IConfigChange[] changes) => Store.Ask<object>(new ProposeChanges(changes, "test"), AskTimeout);

    public Task<object> ProposeAsync(IReadOnlyList<IConfigChange> changes, bool dryRun) => Store.Ask<object>(new ProposeChanges(changes, "test", dryRun), AskTimeout);

    public Task<object> ReplaceAsync(HubConfig target, bool dryRun = false) => Store.Ask<object>(new ReplaceConfig(target, "test", dryRun), AskTimeout);

    /// <summary>Proposes and insists the changes were stored.</summary>
    public async Task<ChangesAccepted> MustStoreAsync(params IConfigChange[] changes)
    {
        var answer = await ProposeAsync(changes);
        var accepted = answer.Should().BeOfType<ChangesAccepted>($"the changes are valid ({string.Join("; ", changes.Select(c => c.Describe()))})").Subject;
        accepted.Stored.Should().BeTrue();
        return accepted;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
