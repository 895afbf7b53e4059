using SolarHub.Cli.Inspection;

namespace SolarHub.Cli.Tests.Inspection;

public class ServerSentEventReaderTests
{
    [Fact]
    public async Task Reads_kinds_and_data_skipping_comments_and_joining_multi_line_data()
    {
        var stream = ": keep-alive\r\n\r\nevent: failover\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata:one\ndata: two\nid: 7\n\nevent: no-data\n\ndata: plain\n\n";

        var events = await Read(stream);

        events.Should().Equal(
            new ServerSentEvent("failover", "{\"a\":1}"),
            new ServerSentEvent("x", "one\ntwo", "7"),
            new ServerSentEvent("message", "plain", "7"));
    }

    [Fact]
    public async Task An_event_cut_off_by_the_end_of_the_stream_is_not_delivered()
    {
        (await Read("event: failover\ndata: {\"a\":1}\n")).Should().BeEmpty("without its blank line the event may be incomplete");
    }

    [Fact]
    public async Task A_stream_silent_past_the_idle_timeout_fails_so_the_caller_reconnects()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync("event: failover\ndata: {}\n\n"u8.ToArray());
        var reader = new StreamReader(pipe.Reader.AsStream());
        var events = new List<ServerSentEvent>();

        var reading = async () =>
        {
            await foreach (var e in ServerSentEventReader.ReadAsync(reader, TimeSpan.FromMilliseconds(300), CancellationToken.None)) events.Add(e);
        };

        (await reading.Should().ThrowAsync<IOException>()).WithMessage("nothing received for 0.3 s");
        events.Should().Equal(new ServerSentEvent("failover", "{}"));
    }

    private static async Task<List<ServerSentEvent>> Read(string text)
    {
        var list = new List<ServerSentEvent>();
        await foreach (var e in ServerSentEventReader.ReadAsync(new StringReader(text), TimeSpan.FromSeconds(10), CancellationToken.None)) list.Add(e);
        return list;
    }
}
