using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Bus;

/// <summary>What the scanner holds back while waiting for more bytes, and what <see cref="FrameScanner.Complete"/> releases.</summary>
public class FrameScannerCompletionTests
{
    private static readonly byte[] CellFrame = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2").Frame;

    private static List<ScannedEvent> Drain(FrameScanner scanner)
    {
        var events = new List<ScannedEvent>();
        ScannerRun.Drain(scanner, events);
        return ScannerRun.CoalesceDiscards(events);
    }

    [Fact]
    public void A_frame_without_a_poll_waits_for_its_acknowledgement_and_is_released_unattributed_by_Complete()
    {
        var scanner = new FrameScanner();
        scanner.Append(CellFrame);

        Drain(scanner).Should().BeEmpty("the acknowledgement that would attribute it may still come");
        scanner.Buffered.Should().Be(JkFrame.Length);

        scanner.Complete();
        Drain(scanner).Should().Equal(ScannedEvent.DataFrame(CellFrame, address: null));
        scanner.Buffered.Should().Be(0);
    }

    [Fact]
    public void A_frame_after_its_poll_is_released_at_once()
    {
        var scanner = new FrameScanner();
        scanner.Append(ModbusMessages.Poll(2, JkRegister.CellInfo));
        scanner.Append(CellFrame);

        Drain(scanner).Should().Equal(ScannedEvent.Poll(2, JkRegister.CellInfo), ScannedEvent.DataFrame(CellFrame, 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    public void A_partial_poll_at_the_end_is_held_then_discarded_by_Complete(int length)
    {
        var scanner = new FrameScanner();
        scanner.Append(ModbusMessages.Poll(2, JkRegister.CellInfo).AsSpan(0, length));

        Drain(scanner).Should().BeEmpty();
        scanner.Complete();
        Drain(scanner).Should().Equal(ScannedEvent.Discarded(length));
        scanner.Buffered.Should().Be(0);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(150)]
    [InlineData(299)]
    public void A_truncated_frame_at_the_end_is_discarded_by_Complete(int length)
    {
        var scanner = new FrameScanner();
        scanner.Append(ModbusMessages.Poll(2, JkRegister.CellInfo));
        scanner.Append(CellFrame.AsSpan(0, length));

        Drain(scanner).Should().Equal(ScannedEvent.Poll(2, JkRegister.CellInfo));
        scanner.Complete();
        Drain(scanner).Should().Equal(ScannedEvent.Discarded(length));
    }

    [Fact]
    public void A_corrupt_frame_is_held_while_its_last_byte_could_start_a_message()
    {
        // Until the next byte arrives, "corrupt" and "cut short just before a poll" look alike.
        byte[] damaged = [.. CellFrame];
        damaged[200] ^= 0x01;
        byte[] ack = ModbusMessages.Acknowledgement(2, JkRegister.CellInfo);
        var scanner = new FrameScanner();
        scanner.Append(ModbusMessages.Poll(2, JkRegister.CellInfo));
        scanner.Append(damaged);

        Drain(scanner).Should().Equal(ScannedEvent.Poll(2, JkRegister.CellInfo));
        scanner.Append(ack.AsSpan(0, 1));
        Drain(scanner).Should().Equal(ScannedEvent.DataFrame(damaged, 2, checksumValid: false));
        scanner.Append(ack.AsSpan(1));
        Drain(scanner).Should().Equal(ScannedEvent.Acknowledgement(2, JkRegister.CellInfo));
    }

    [Fact]
    public void A_corrupt_frame_at_the_end_of_the_stream_is_released_by_Complete()
    {
        byte[] damaged = [.. CellFrame];
        damaged[200] ^= 0x01;
        var scanner = new FrameScanner();
        scanner.Append(damaged);

        Drain(scanner).Should().BeEmpty();
        scanner.Complete();
        Drain(scanner).Should().Equal(ScannedEvent.DataFrame(damaged, address: null, checksumValid: false));
    }

    [Fact]
    public void Scanning_resumes_normally_after_Complete_when_more_bytes_arrive()
    {
        var scanner = new FrameScanner();
        scanner.Append([0x42]);
        scanner.Complete();
        Drain(scanner).Should().Equal(ScannedEvent.Discarded(1));

        scanner.Append(ModbusMessages.Poll(3, JkRegister.CellInfo).AsSpan(0, 5));
        Drain(scanner).Should().BeEmpty("a new append cancels the end of stream: the poll may still complete");
        scanner.Append(ModbusMessages.Poll(3, JkRegister.CellInfo).AsSpan(5));
        scanner.Append(CellFrame);
        Drain(scanner).Should().Equal(ScannedEvent.Poll(3, JkRegister.CellInfo), ScannedEvent.DataFrame(CellFrame, 3));
    }

    [Fact]
    public void Reset_forgets_the_pending_poll_and_the_held_bytes_which_count_as_discarded()
    {
        var scanner = new FrameScanner();
        scanner.Append(ModbusMessages.Poll(3, JkRegister.CellInfo));
        scanner.Append(CellFrame.AsSpan(0, 100));
        Drain(scanner);

        scanner.Reset();
        scanner.Buffered.Should().Be(0);
        StatisticsBalance.ShouldBalance(scanner);

        scanner.Append(CellFrame);
        scanner.Complete();
        Drain(scanner).Should().Equal(ScannedEvent.DataFrame(CellFrame, address: null));
        StatisticsBalance.ShouldBalance(scanner);
    }

    [Fact]
    public void A_full_buffer_takes_no_more_bytes_until_events_are_read()
    {
        var scanner = new FrameScanner(FrameScanner.MinimumCapacity);
        byte[] traffic = new BusScript().Transaction(1, CellFrame).Transaction(2, CellFrame).Bytes;

        int taken = scanner.Append(traffic);

        taken.Should().Be(FrameScanner.MinimumCapacity);
        scanner.Append(traffic.AsSpan(taken)).Should().Be(0);
        scanner.TryRead(out _).Should().BeTrue();
        scanner.Append(traffic.AsSpan(taken)).Should().BePositive("reading made room");
    }
}
