using CsCheck;
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

    [Fact]
    public void Batches_taken_across_several_additions_keep_their_order()
    {
        var buffer = new SampleBuffer(100);
        buffer.Add(At(0, 3));
        buffer.Add(At(3, 3));
        buffer.Add(At(6, 3));
        buffer.Take(4).Select(s => s.Values[0]).Should().Equal(0, 1, 2, 3);
        var second = buffer.Take(4);
        second.Select(s => s.Values[0]).Should().Equal(4, 5, 6, 7);
        buffer.Return(second).Should().BeNull();
        buffer.Count.Should().Be(5);
        buffer.Take(100).Select(s => s.Values[0]).Should().Equal(4, 5, 6, 7, 8);
        buffer.Count.Should().Be(0);
    }

    /// <summary>
    /// Any sequence of additions, takes and returns of the last batch taken (what the writer does) gives the same
    /// batches, counts and drop reports as a plain list that copies itself on every step.
    /// </summary>
    [Fact]
    public void Behaves_like_a_plain_list_with_the_oldest_dropped_beyond_the_limit()
    {
        var step = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 12], Gen.Int[0, 300].Array[0, 12], (kind, size, seconds) => (kind, size, seconds));
        Gen.Select(Gen.Int[1, 20], step.Array[1, 40]).Sample((limit, steps) =>
        {
            var buffer = new SampleBuffer(limit);
            var model = new List<HistorySample>();
            List<HistorySample>? lastTaken = null;
            int id = 0;
            foreach (var (kind, size, seconds) in steps)
            {
                switch (kind)
                {
                    case 0:
                        // Times out of order, so that a drop report's range is not simply its first and last sample.
                        var added = seconds.Select(s => Bank("b1", Day1.AddSeconds(s), id++)).ToList();
                        buffer.Add(added).Should().Be(ModelTrim(model.Concat(added).ToList(), limit, model));
                        break;
                    case 1:
                        lastTaken = buffer.Take(size);
                        var expected = model.Take(size).ToList();
                        model.RemoveRange(0, expected.Count);
                        lastTaken.Should().Equal(expected);
                        break;
                    default:
                        if (lastTaken is null) break;
                        buffer.Return(lastTaken).Should().Be(ModelTrim(lastTaken.Concat(model).ToList(), limit, model));
                        lastTaken = null;
                        break;
                }
                buffer.Count.Should().Be(model.Count).And.BeLessThanOrEqualTo(limit);
            }
            buffer.Take(int.MaxValue).Should().Equal(model);
        }, iter: 500);
    }

    /// <summary>The model's step: keeps the newest <paramref name="limit"/> of <paramref name="all"/> in <paramref name="model"/>.</summary>
    private static DroppedSamples? ModelTrim(List<HistorySample> all, int limit, List<HistorySample> model)
    {
        int excess = all.Count - limit;
        model.Clear();
        model.AddRange(all.Skip(Math.Max(0, excess)));
        if (excess <= 0) return null;
        var dropped = all.Take(excess).ToList();
        return new DroppedSamples(excess, dropped.Min(s => s.At), dropped.Max(s => s.At));
    }
}
