using System.Diagnostics;
using Akka.Actor;
using SolarHub.Cli.Run;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Tests;

/// <summary>The console of <c>solarhub run</c>: its own banks' events, and on a cluster node the other nodes' too, named.</summary>
public sealed class TelemetryPrinterTests : IAsyncDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("printer-test", "akka.loglevel = OFF\nakka.stdout-loglevel = OFF");
    private readonly StringWriter _console = new();

    [Fact]
    public async Task Prints_its_own_banks_events_and_those_relayed_from_other_nodes_with_their_node()
    {
        var output = TextWriter.Synchronized(_console);
        var printer = _system.ActorOf(TelemetryPrinter.Props(output));
        await Subscribed(printer);

        var at = DateTimeOffset.UtcNow;
        _system.EventStream.Publish(new FailoverOccurred("house", at, "primary", "secondary", "primary went silent", IsFailback: false));
        // A retry's turn is left out, relayed or not (published before the last expected line: it would come before it).
        _system.EventStream.Publish(new RelayedBankEvent("n2",
            new AdapterStateChanged("garage", "usb", at, AdapterState.Connecting, AdapterState.Failed, "refused") { Retry = true }));
        _system.EventStream.Publish(new RelayedBankEvent("n2", new FailoverOccurred("garage", at, "usb", "tcp", "usb faulted", IsFailback: false)));

        var lines = await LinesAsync(output, count: 2);
        lines.Should().HaveCount(2, string.Join('\n', lines));
        lines[0].Should().MatchRegex(@"^\[\d\d:\d\d:\d\d\] house >>> FAILOVER primary -> secondary: primary went silent$");
        lines[1].Should().MatchRegex(@"^\[\d\d:\d\d:\d\d\] \[n2\] garage >>> FAILOVER usb -> tcp: usb faulted$");
    }

    /// <summary>The printer subscribes in PreStart: an answer to an Identify comes after it.</summary>
    private static Task Subscribed(IActorRef printer) => printer.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));

    /// <summary>
    /// The output once it holds <paramref name="count"/> lines (or after 10 s). A line that should not be printed was
    /// published before the last expected one, and the printer keeps the order: no wait for "nothing more" is needed.
    /// </summary>
    private async Task<string[]> LinesAsync(TextWriter output, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string[] lines;
            lock (output) lines = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length >= count || clock.Elapsed > TimeSpan.FromSeconds(10)) return lines;
            await Task.Delay(20); // a bounded poll of the printer's output
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _console.Dispose();
    }
}
