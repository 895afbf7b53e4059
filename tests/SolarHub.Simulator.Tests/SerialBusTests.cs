using System.IO.Ports;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Simulator.Tests.Support;
using SolarHub.Simulator.Transports;

namespace SolarHub.Simulator.Tests;

public class SerialBusTests
{
    private static SerialPort Open(string path)
    {
        var port = new SerialPort(path, 115200, Parity.None, 8, StopBits.One);
        port.Open();
        return port;
    }

    [Fact]
    public async Task The_bus_comes_out_of_the_other_end_of_a_pty_pair()
    {
        await using var pty = await PtyPair.StartAsync();
        await using var simulator = new SerialBusSimulator(pty.A, Sim.Fast());
        simulator.Start();
        using var port = Open(pty.B);
        await using var hub = BusListener.Over(port.BaseStream);

        var events = await hub.WaitForAsync(ev =>
            ev.Where(e => e.IsFrame).Select(e => e.Address).Distinct().Count() == 3 && ev.Count(e => e.IsFrame) >= 20, "20 frames from 3 packs");

        Sim.ShouldBeExactlyWhatWasSent(events, simulator.Bus.Sent);
        events.Should().Contain(e => e.Kind == BusEventKind.Poll).And.Contain(e => e.Kind == BusEventKind.Acknowledgement);
        simulator.BytesSent.Should().BeGreaterThan(0);
        simulator.Completion.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Active_mode_answers_polls_on_the_device()
    {
        await using var pty = await PtyPair.StartAsync();
        await using var simulator = new SerialBusSimulator(pty.A, Sim.Fast(master: false));
        simulator.Start();
        using var port = Open(pty.B);
        await using var hub = BusListener.Over(port.BaseStream);

        await port.BaseStream.WriteAsync(Sim.Poll(7));
        await port.BaseStream.WriteAsync(Sim.Poll(3, JkRegister.DeviceInfo));

        var events = await hub.WaitForAsync(ev => ev.Any(e => e.Kind == BusEventKind.Acknowledgement), "pack 3's answer");
        events.Select(e => (e.Kind, e.Address)).Should().Equal((BusEventKind.DataFrame, (byte)3), (BusEventKind.Acknowledgement, (byte)3));
        events[0].FrameType.Should().Be(JkFrameType.DeviceInfo);
        events[0].ChecksumValid.Should().BeTrue();
        hub.BytesReceived.Should().Be(308);
        simulator.Bus.Statistics.UnansweredPolls.Should().Be(1);
    }

    [Fact]
    public async Task Opening_a_missing_device_throws()
    {
        await using var simulator = new SerialBusSimulator("/nonexistent/tty-solarhub", Sim.Fast());
        var start = () => simulator.Start();
        start.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/tty-solarhub*");
    }

    [Fact]
    public async Task A_device_that_goes_away_faults_the_simulator()
    {
        var pty = await PtyPair.StartAsync();
        await using var simulator = new SerialBusSimulator(pty.A, Sim.Fast());
        simulator.Start();
        await Wait.UntilAsync(() => simulator.BytesSent > 0, "bytes on the device");

        await pty.DisposeAsync();

        var failure = async () => await simulator.Completion.WaitAsync(Wait.Default);
        await failure.Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task One_bus_can_be_served_over_tcp_and_serial_at_once()
    {
        await using var pty = await PtyPair.StartAsync();
        await using var bus = new SimulatedBus(Sim.Fast());
        await using var serial = new SerialBusSimulator(bus, pty.A);
        await using var gateway = new TcpGatewaySimulator(bus);
        serial.Start();
        gateway.Start();
        bus.Start();
        using var port = Open(pty.B);
        await using var serialHub = BusListener.Over(port.BaseStream);
        await using var tcpHub = await BusListener.ConnectAsync(gateway.LocalEndPoint);

        Sim.ShouldBeExactlyWhatWasSent(await serialHub.WaitForFramesAsync(10), bus.Sent);
        Sim.ShouldBeExactlyWhatWasSent(await tcpHub.WaitForFramesAsync(10), bus.Sent);
        gateway.Faults.Should().BeSameAs(serial.Faults);
    }
}
