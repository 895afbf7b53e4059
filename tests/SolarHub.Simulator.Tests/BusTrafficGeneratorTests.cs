using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Simulator.Tests.Support;

namespace SolarHub.Simulator.Tests;

public class BusTrafficGeneratorTests
{
    [Fact]
    public void Cycles_hold_poll_frame_ack_for_every_pack_with_slow_polls_on_start_and_every_20th_cycle()
    {
        var traffic = BusTrafficGenerator.GenerateCycles(41, new SimulatorOptions { Packs = 3 });

        // 41 cycles × 3 packs, plus device info and settings for each pack on cycles 0, 20 and 40.
        traffic.DataFrames.Should().Be(41 * 3 + 3 * 3 * 2);
        traffic.Polls.Should().Be(traffic.DataFrames);
        traffic.Cycles.Should().Be(41);
        traffic.Bytes.Length.Should().Be(traffic.DataFrames * (11 + 300 + 8));

        var events = Scan.All(traffic.Bytes);
        events.Should().NotContain(e => e.Kind == BusEventKind.Discarded);
        events.Select(e => e.Kind).Should().Equal(Enumerable.Range(0, traffic.DataFrames)
            .SelectMany(_ => new[] { BusEventKind.Poll, BusEventKind.DataFrame, BusEventKind.Acknowledgement }));
        var frames = events.Where(e => e.IsFrame).ToList();
        frames.Should().OnlyContain(f => f.ChecksumValid && f.HasAddress);

        // First cycle: each pack answers device info, settings, then cell info.
        frames.Take(9).Select(f => (f.Address, f.FrameType)).Should().Equal(
            (1, JkFrameType.DeviceInfo), (1, JkFrameType.Settings), (1, JkFrameType.CellInfo),
            (2, JkFrameType.DeviceInfo), (2, JkFrameType.Settings), (2, JkFrameType.CellInfo),
            (3, JkFrameType.DeviceInfo), (3, JkFrameType.Settings), (3, JkFrameType.CellInfo));
        frames.Count(f => f.FrameType == JkFrameType.DeviceInfo).Should().Be(9);
        frames.Count(f => f.FrameType == JkFrameType.Settings).Should().Be(9);

        // Each pack counts its own frames, rolling over at 256.
        foreach (var pack in frames.GroupBy(f => f.Address))
        {
            var counters = pack.Select(f => f.Counter).ToList();
            counters.Should().Equal(Enumerable.Range(0, counters.Count).Select(i => (byte)i));
        }

        // Frames are answered by the register polled.
        var polls = events.Where(e => e.Kind == BusEventKind.Poll).ToList();
        polls.Zip(frames).Should().OnlyContain(p => JkRegister.AnswerType(p.First.Register) == p.Second.FrameType && p.First.Address == p.Second.Address);
    }

    [Fact]
    public void Same_seed_same_bytes()
    {
        var options = new SimulatorOptions { Seed = 99 };
        BusTrafficGenerator.GenerateCycles(30, options).Bytes
            .Should().Equal(BusTrafficGenerator.GenerateCycles(30, options).Bytes);
        BusTrafficGenerator.GenerateCycles(30, options with { Seed = 100 }).Bytes
            .Should().NotEqual(BusTrafficGenerator.GenerateCycles(30, options).Bytes);
    }

    [Fact]
    public void Bytes_budget_holds_whole_transactions_and_counts_the_frames()
    {
        var traffic = BusTrafficGenerator.GenerateBytes(1_000_000);

        traffic.Bytes.Length.Should().BeLessThanOrEqualTo(1_000_000).And.BeGreaterThan(1_000_000 - 319);
        var events = Scan.All(traffic.Bytes, chunk: 1500);
        events.Count(e => e.IsFrame && e.ChecksumValid).Should().Be(traffic.DataFrames);
        events.Count(e => e.Kind == BusEventKind.Acknowledgement).Should().Be(traffic.Acknowledgements);
        events.Should().NotContain(e => e.Kind == BusEventKind.Discarded);
    }

    [Fact]
    public void Jk02_24S_traffic_decodes_with_the_24S_layout()
    {
        var traffic = BusTrafficGenerator.GenerateCycles(3, new SimulatorOptions { Layout = JkLayout.JK02_24S, Packs = 2, FirstAddress = 4 });
        var frames = Scan.All(traffic.Bytes).Where(e => e.IsFrame).ToList();

        var device = frames.First(f => f.FrameType == JkFrameType.DeviceInfo);
        DeviceInfoDecoder.TryDecode(device.Frame, out var info).Should().Be(DecodeStatus.Ok);
        LayoutDetector.FromDeviceInfo(info).Should().Be(JkLayout.JK02_24S);
        foreach (var cell in frames.Where(f => f.FrameType == JkFrameType.CellInfo))
        {
            CellInfoDecoder.TryDecode(cell.Frame, JkLayout.JK02_24S, out var ci).Should().Be(DecodeStatus.Ok);
            ci.CellCount.Should().Be(16);
            ci.PackVoltage.Should().BeInRange(48, 56);
            cell.Address.Should().BeOneOf((byte)4, (byte)5);
        }
    }

    [Fact]
    public void Master_polls_a_missing_pack_but_it_does_not_answer()
    {
        var bank = new SimulatedBank(new SimulatorOptions { Packs = 2, SlowPollEvery = 0 });
        var master = new JkMasterBus(bank);
        bank.Faults.MakePackMissing(2);
        var buffer = new byte[JkMasterBus.MaxTransactionLength];
        var answered = new List<(byte, bool)>();
        for (int i = 0; i < 10; i++)
        {
            var tx = master.WriteNext(buffer);
            answered.Add((tx.Address, tx.Answered));
        }
        // Start cycle: 3 polls per pack; then cell info only.
        answered.Where(a => a.Item1 == 2).Should().OnlyContain(a => !a.Item2);
        answered.Where(a => a.Item1 == 1).Should().OnlyContain(a => a.Item2);
        bank.Statistics.UnansweredPolls.Should().Be(answered.Count(a => !a.Item2));
        bank.Statistics.Polls.Should().Be(10);
    }

    [Fact]
    public void Options_are_validated()
    {
        var act = () => new SimulatedBank(new SimulatorOptions { Layout = JkLayout.JK04 });
        act.Should().Throw<ArgumentException>();
        act = () => new SimulatedBank(new SimulatorOptions { Packs = 0 });
        act.Should().Throw<ArgumentException>();
        act = () => new SimulatedBank(new SimulatorOptions { Layout = JkLayout.JK02_24S, CellsPerPack = 25 });
        act.Should().Throw<ArgumentException>();
    }
}
