using SolarHub.Bench.Fuzz;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Cli.Tests.Fuzz;

/// <summary>
/// The short run of <c>bench fuzz</c> (the long one is in docs/reliability.md), and the fuzzer's own checks: the frames
/// it calls intact are intact, a seed replays the same bytes, and a lost frame is caught.
/// </summary>
public sealed class CodecFuzzerTests
{
    private static readonly Lazy<FuzzCorpus> Corpus = new(() => FuzzCorpus.Build(3, RealFrameSet.Load()));

    [Fact]
    public void A_short_run_passes_every_check() => ShortRun(20261203, 10_000_000);

    [Fact]
    public void A_short_run_with_a_new_seed_passes_every_check() => ShortRun(Random.Shared.Next(), 3_000_000);

    private static void ShortRun(int seed, long bytes)
    {
        var output = new StringWriter();

        var result = new CodecFuzzer(bytes, seed, output).Run(CancellationToken.None);

        string because = $"seed {seed} (replay: solarhub bench fuzz --bytes {bytes} --seed {seed}):\n{output}";
        result.Bytes.Should().Be(bytes);
        result.Exceptions.Should().Be(0, because);
        result.Hangs.Should().Be(0, because);
        result.AllocatedBytes.Should().Be(0, because);
        result.OtherFailures.Should().Be(0, because);
        result.FramesExpected.Should().BeGreaterThan(1000, "spliced and truncated cases hold many intact frames");
        result.FramesFound.Should().Be(result.FramesExpected, because);
        result.Passed.Should().BeTrue(because);
    }

    [Theory]
    [InlineData(FuzzInputKind.Truncated)]
    [InlineData(FuzzInputKind.Spliced)]
    public void The_frames_it_calls_intact_are_whole_valid_frames_at_their_offsets(FuzzInputKind kind)
    {
        var generator = new FuzzInputGenerator(Corpus.Value, new Random(11));
        var buffer = new byte[FuzzInputGenerator.MaxCaseLength];
        int frames = 0;
        for (int i = 0; i < 50; i++)
        {
            var intact = new List<IntactFrame>();
            int length = generator.Next(kind, buffer, intact);
            foreach (var frame in intact)
            {
                var bytes = buffer.AsSpan((int)frame.Offset, JkFrame.Length);
                JkFrame.StartsWithHeader(bytes).Should().BeTrue();
                JkChecksum.IsValid(bytes).Should().BeTrue();
                bytes[JkFrame.CounterOffset].Should().Be(frame.Counter);
                (frame.Offset + JkFrame.Length).Should().BeLessThanOrEqualTo(length);
                frames++;
            }
        }
        frames.Should().BeGreaterThan(50);
    }

    [Fact]
    public void A_seed_gives_the_same_bytes_again()
    {
        byte[] Case(int seed)
        {
            var buffer = new byte[FuzzInputGenerator.MaxCaseLength];
            int length = new FuzzInputGenerator(Corpus.Value, new Random(seed)).Next(FuzzInputKind.Spliced, buffer, []);
            return buffer[..length];
        }

        Case(5).Should().Equal(Case(5));
        Case(5).Should().NotEqual(Case(6));
    }

    [Fact]
    public void A_frame_not_reported_where_it_was_placed_is_counted_lost()
    {
        var corpus = Corpus.Value;
        var frame = corpus.Bytes.AsSpan(corpus.FrameStarts[0], JkFrame.Length).ToArray();
        byte[] stream = [0x00, .. frame, 0x00, .. frame];
        stream[1 + JkFrame.Length + 1 + 100] ^= 0x01; // the second copy is damaged: its checksum fails
        var expected = new ExpectedFrameQueue();
        expected.Enqueue(new IntactFrame(1, frame[JkFrame.CounterOffset], frame[^1]));
        expected.Enqueue(new IntactFrame(1 + JkFrame.Length + 1, frame[JkFrame.CounterOffset], frame[^1]));
        var failures = new FuzzFailures();
        var target = new ScanTarget("scanner", 8192, decode: true, expected);

        target.Feed(stream, 0, FuzzInputKind.Spliced, failures);
        target.Feed(new byte[1024], 1, FuzzInputKind.Spliced, failures);
        target.ExpireLost(1, FuzzInputKind.Spliced, failures);

        target.FramesFound.Should().Be(1);
        failures.Count(FuzzFailureKind.LostFrame).Should().Be(1);
        failures.First[0].Offset.Should().Be(1 + JkFrame.Length + 1);
        expected.Count.Should().Be(0);
    }
}
