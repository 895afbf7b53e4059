using SolarHub.History.Recording;
using static SolarHub.History.Tests.Support.Samples;

namespace SolarHub.History.Tests;

public sealed class SampleBufferTests
{
    private static List<HistorySample> At(int from, int count) => Enumerable.Range(from, count).Select(i => Bank("b1", Day1.AddSeconds(i), i)).ToList();

    [Fact]
    public void Over_the_limit_the_oldest_are_dropped_and_reported()
    {
        var buffer = new SampleBuffer(10);
        buffer.Add(At(0, 8)).Should().BeNull();
        buffer.Add(At(8, 5)).Should().Be(new DroppedSamples(3, Day1, Day1.AddSeconds(2)));
        buffer.Take(100).Select(s => s.At).Should().Equal(At(3, 10).Select(s => s.At));
    }

    [Fact]
    public void A_returned_batch_goes_back_in_front_and_may_push_out_its_own_oldest()
    {
        var buffer = new SampleBuffer(10);
        buffer.Add(At(0, 10));
        var batch = buffer.Take(4);
        buffer.Add(At(10, 2));
        buffer.Return(batch).Should().Be(new DroppedSamples(2, Day1, Day1.AddSeconds(1)));
        buffer.Take(100).Select(s => s.Values[0]).Should().Equal(Enumerable.Range(2, 10).Select(i => (double?)i));
    }
}
