using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Modbus;

namespace SolarHub.Cli.Tests;

/// <summary><c>solarhub simulate --modbus-tcp</c>: the simulator plays a converter in "Modbus TCP to RTU" mode.</summary>
public sealed partial class SimulateModbusTcpTests
{
    [GeneratedRegex(@"listening on tcp\+modbus://127\.0\.0\.1:(?<port>\d+) \(Modbus TCP to RTU gateway\)")]
    private static partial Regex ListeningLine();

    [Fact]
    public async Task It_answers_a_modbus_tcp_poll_under_its_transaction_id()
    {
        using var process = Process.Start(CliProcess.StartInfo(["simulate", "--modbus-tcp", "127.0.0.1:0", "--no-master", "--packs", "2", "--answer-delay-ms", "0"]))!;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Match listening;
            do
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException(await process.StandardError.ReadToEndAsync());
                listening = ListeningLine().Match(line);
            } while (!listening.Success);

            using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, int.Parse(listening.Groups["port"].Value)), deadline.Token);
            var poll = new byte[MbapHeader.PollLength];
            MbapHeader.WritePoll(poll, 0x4242, 2, JkRegister.CellInfo);
            await client.SendAsync(poll, deadline.Token);
            using var stream = new NetworkStream(client);
            var header = new byte[MbapHeader.Size];
            await stream.ReadExactlyAsync(header, deadline.Token);

            MbapHeader.Read(header).Should().Be(new MbapHeader(0x4242, 0, 309, 2));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task It_is_refused_on_a_bus_with_a_jk_master()
    {
        var outcome = await CliProcess.RunAsync(["simulate", "--modbus-tcp", "127.0.0.1:0"]);

        outcome.ExitCode.Should().Be(2);
        outcome.StdErr.Should().Contain("simulate: --modbus-tcp needs --no-master");
    }
}
