using System.Net.Sockets;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Modbus;

namespace SolarHub.Simulator.Tests;

/// <summary>The simulator as a converter in "Modbus TCP to RTU" mode: it answers requests, under their transaction id, and nothing else.</summary>
public class ModbusTcpGatewayTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static async Task<(ModbusTcpGatewaySimulator Gateway, Socket Client)> StartAsync(SimulatorOptions options, TimeSpan? responseTimeout = null)
    {
        var gateway = new ModbusTcpGatewaySimulator(options, responseTimeout: responseTimeout);
        gateway.Start();
        var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(gateway.LocalEndPoint);
        return (gateway, client);
    }

    private static async Task SendPollAsync(Socket client, ushort transaction, byte unit, ushort register = JkRegister.CellInfo)
    {
        var request = new byte[MbapHeader.PollLength];
        MbapHeader.WritePoll(request, transaction, unit, register);
        await client.SendAsync(request);
    }

    private static async Task<(MbapHeader Header, byte[] Payload)> ReceiveAnswerAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: false);
        using var deadline = new CancellationTokenSource(Generous);
        var header = new byte[MbapHeader.Size];
        await stream.ReadExactlyAsync(header, deadline.Token);
        var parsed = MbapHeader.Read(header);
        var payload = new byte[parsed.PayloadLength];
        await stream.ReadExactlyAsync(payload, deadline.Token);
        return (parsed, payload);
    }

    [Fact]
    public async Task A_request_is_answered_under_its_transaction_and_unit_with_the_pack_s_frame_and_acknowledgement()
    {
        var (gateway, client) = await StartAsync(new SimulatorOptions { Master = false, Packs = 3 });
        await using var gatewayScope = gateway;
        using var clientScope = client;

        await SendPollAsync(client, 0x0A0B, 2);
        var (header, payload) = await ReceiveAnswerAsync(client);

        header.Should().Be(new MbapHeader(0x0A0B, 0, 309, 2));
        payload.Length.Should().Be(JkFrame.Length + ModbusMessages.AcknowledgementLength);
        payload.AsSpan(0, 4).ToArray().Should().Equal(JkFrame.Header.ToArray());
        payload.AsSpan(JkFrame.Length).ToArray().Should().Equal(ModbusMessages.Acknowledgement(2, JkRegister.CellInfo));
        gateway.Answers.Should().Be(1);
    }

    [Fact]
    public async Task A_request_for_an_absent_pack_gets_no_answer_and_the_next_request_is_answered_under_its_own_transaction()
    {
        var (gateway, client) = await StartAsync(new SimulatorOptions { Master = false, Packs = 3 }, responseTimeout: TimeSpan.FromMilliseconds(200));
        await using var gatewayScope = gateway;
        using var clientScope = client;

        await SendPollAsync(client, 1, 9);
        await SendPollAsync(client, 2, 1);
        var (header, _) = await ReceiveAnswerAsync(client);

        header.TransactionId.Should().Be(2, "the first request timed out on the bus and got nothing");
        header.UnitId.Should().Be(1);
        gateway.Timeouts.Should().Be(1);
        gateway.Requests.Should().Be(2);
    }

    [Fact]
    public async Task A_listener_on_a_bus_a_jk_master_polls_hears_nothing_through_it()
    {
        var (gateway, client) = await StartAsync(new SimulatorOptions { Master = true, Packs = 3, PollInterval = TimeSpan.FromMilliseconds(10) });
        await using var gatewayScope = gateway;
        using var clientScope = client;

        await Wait.UntilAsync(() => gateway.UnsolicitedBytes > 10 * 308, "the master's traffic on the bus");

        client.Available.Should().Be(0, "a Modbus TCP gateway forwards only answers to requests");
    }
}
