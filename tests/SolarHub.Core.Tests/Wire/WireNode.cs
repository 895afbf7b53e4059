using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarHub.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Core.Wire;

namespace SolarHub.Core.Tests.Wire;

/// <summary>
/// An actor system hosted like an application's (AddAkka + WithSolarHub), so the tests see the serializer bound the
/// way a node binds it, and a message's trip through Akka's serialization as a remote send makes it.
/// </summary>
public sealed class WireNode : IAsyncLifetime
{
    private IHost? _host;

    public ActorSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("wire-test", akka =>
        {
            akka.AddHocon("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING", HoconAddMode.Prepend);
            akka.WithSolarHub(HubConfig.Empty);
        });
        _host = builder.Build();
        await _host.StartAsync();
        System = _host.Services.GetRequiredService<ActorSystem>();
    }

    public async Task DisposeAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Serializes <paramref name="message"/> with the serializer Akka picks for it (which must be the wire serializer) and reads it back.</summary>
    public object RoundTrip(object message)
    {
        var serializer = System.Serialization.FindSerializerFor(message);
        serializer.Should().BeOfType<WireSerializer>($"{message.GetType().Name} is bound to the wire serializer");
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        return System.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }
}

[CollectionDefinition(Name)]
public sealed class WireCollection : ICollectionFixture<WireNode>
{
    public const string Name = "wire node";
}
