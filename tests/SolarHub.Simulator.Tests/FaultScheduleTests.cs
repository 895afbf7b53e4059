using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Simulator.Tests;

public class FaultScheduleTests
{
    [Theory]
    [InlineData("rst@5s*30s", "rst", 5000, null, 30000)]
    [InlineData("silence@10s+5s", "silence", 10000, 5000, null)]
    [InlineData("drip=20ms@1.5s", "drip", 1500, null, null)]
    [InlineData("missing=3@1m+30s", "missing", 60000, 30000, null)]
    [InlineData("soc=2:15", "soc", 0, null, null)]
    [InlineData("current=1:-40.5@500ms+2s*10s", "current", 500, 2000, 10000)]
    [InlineData("garbage=128@3", "garbage", 3000, null, null)]
    public void Parses_kind_and_times(string text, string kind, int atMs, int? forMs, int? everyMs)
    {
        var fault = ScheduledFault.Parse(text);
        fault.Kind.Should().Be(kind);
        fault.At.Should().Be(TimeSpan.FromMilliseconds(atMs));
        fault.For.Should().Be(forMs is { } f ? TimeSpan.FromMilliseconds(f) : null);
        fault.Every.Should().Be(everyMs is { } e ? TimeSpan.FromMilliseconds(e) : null);
    }

    [Theory]
    [InlineData("explode@5s")]
    [InlineData("rst+5s")]
    [InlineData("rst=3")]
    [InlineData("missing")]
    [InlineData("soc=2")]
    [InlineData("soc=2:101")]
    [InlineData("merge=1")]
    [InlineData("silence@soon")]
    [InlineData("silence+10s*5s")]
    public void Rejects_bad_specs(string text)
    {
        ScheduledFault.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Apply_and_revert_drive_the_controller()
    {
        var faults = new FaultController();
        var lines = new List<string>();
        faults.Applied += lines.Add;

        var silence = ScheduledFault.Parse("silence");
        silence.Apply(faults);
        faults.IsSilent.Should().BeTrue();
        silence.Revert(faults);
        faults.IsSilent.Should().BeFalse();

        ScheduledFault.Parse("drip=20").Apply(faults);
        faults.DripInterval.Should().Be(TimeSpan.FromMilliseconds(20));
        ScheduledFault.Parse("missing=2").Apply(faults);
        faults.IsMissing(2).Should().BeTrue();
        ScheduledFault.Parse("soc=2:15").Apply(faults);
        ScheduledFault.Parse("current=2:-40.5").Apply(faults);
        ScheduledFault.Parse("alarms=2:0x800").Apply(faults);
        faults.PackValues(2).Should().Be(new PackOverrides { Soc = 15, CurrentMa = -40_500, Alarms = JkAlarms.CellUndervoltage });
        ScheduledFault.Parse("clear").Apply(faults);
        faults.IsMissing(2).Should().BeFalse();
        faults.PackValues(2).Should().BeNull();
        faults.DripInterval.Should().Be(TimeSpan.Zero);
        lines.Should().HaveCount(8).And.OnlyContain(l => l.Length > 0);
    }

    [Fact]
    public async Task The_scheduler_applies_then_clears_at_the_given_times()
    {
        var faults = new FaultController();
        var seen = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        faults.Applied += line =>
        {
            lock (seen)
            {
                seen.Add(line);
                if (seen.Count == 3) done.TrySetResult();
            }
        };
        using var cts = new CancellationTokenSource();

        var run = FaultScheduler.RunAsync([ScheduledFault.Parse("silence@0+20ms"), ScheduledFault.Parse("garbage=5@40ms")], faults, cts.Token);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        seen.Should().HaveCount(3);
        seen.FindIndex(l => l.StartsWith("silence")).Should().BeLessThan(seen.IndexOf("cleared: Silence"), "applied, then cleared");
        seen.Should().Contain(l => l.StartsWith("garbage"));
        faults.IsSilent.Should().BeFalse();
    }
}
