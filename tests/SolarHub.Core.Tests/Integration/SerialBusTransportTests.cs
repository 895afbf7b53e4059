using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Tests.Support;
using SolarHub.Simulator.Transports;

namespace SolarHub.Core.Tests.Integration;

/// <summary>The serial transport on a real pty pair (socat).</summary>
[Collection(RealTime.Name)]
public sealed class SerialBusTransportTests
{
    [Fact]
    public async Task A_serial_stream_whose_device_vanished_with_a_write_queued_still_disposes_promptly()
    {
        await using var pty = await PtyPair.StartAsync();
        var transport = new SerialBusTransport(new SerialTransport(pty.B));
        var stream = await transport.OpenAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        var read = stream.ReadAsync(new byte[64], 0, 64, CancellationToken.None);

        await pty.KillAsync();
        var readFails = () => read.WaitAsync(TimeSpan.FromSeconds(5));
        await readFails.Should().ThrowAsync<Exception>().Where(e => !(e.GetType() == typeof(TimeoutException)), "the pending read fails when the device vanishes");

        // An active poller's poll may already be on its way when the read's failure reaches the actor.
        _ = stream.WriteAsync(new byte[8], 0, 8, CancellationToken.None);
        var dispose = Task.Run(stream.Dispose);
        var disposes = () => dispose.WaitAsync(TimeSpan.FromSeconds(5));
        await disposes.Should().NotThrowAsync("the adapter actor disposes its stream in PostStop: a hang there blocks its restart for good");
    }

    [Fact]
    public async Task A_device_that_is_not_there_is_reported_as_not_found()
    {
        var path = $"/dev/ttySolarHubMissing{Guid.NewGuid():N}";
        var transport = new SerialBusTransport(new SerialTransport(path));

        var open = () => transport.OpenAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        (await open.Should().ThrowAsync<FileNotFoundException>()).Which.Message.Should().StartWith($"{path} not found");
    }
}
