using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Modbus;

namespace SolarHub.Protocol.Jk.Tests.Modbus;

public class MbapHeaderTests
{
    [Fact]
    public void A_poll_is_the_rtu_poll_without_address_and_crc_behind_a_big_endian_header()
    {
        var request = new byte[MbapHeader.PollLength];

        int length = MbapHeader.WritePoll(request, transactionId: 0x1234, unit: 3, JkRegister.CellInfo);

        length.Should().Be(15);
        // tid 12 34, protocol 00 00, length 00 09 (unit + 8-byte PDU), unit 03, then 10 16 20 00 01 02 00 00.
        request.Should().Equal(0x12, 0x34, 0x00, 0x00, 0x00, 0x09, 0x03, 0x10, 0x16, 0x20, 0x00, 0x01, 0x02, 0x00, 0x00);
        request.AsSpan(MbapHeader.Size).ToArray().Should().Equal(ModbusMessages.Poll(3, JkRegister.CellInfo)[1..^2]);
    }

    [Fact]
    public void A_header_reads_back_what_was_written()
    {
        var bytes = new byte[MbapHeader.Size];
        new MbapHeader(0xFFFE, 0, 309, 15).Write(bytes);

        var header = MbapHeader.Read(bytes);

        header.Should().Be(new MbapHeader(0xFFFE, 0, 309, 15));
        header.PayloadLength.Should().Be(308);
        header.IsPlausible.Should().BeTrue();
    }

    [Theory]
    [InlineData(1, 9)]       // another protocol than Modbus
    [InlineData(0, 1)]       // a unit id and nothing after it
    [InlineData(0, 0)]
    [InlineData(0, MbapHeader.MaxLength + 1)]
    public void A_header_with_another_protocol_or_an_impossible_length_is_not_plausible(int protocol, int length) =>
        new MbapHeader(1, (ushort)protocol, (ushort)length, 1).IsPlausible.Should().BeFalse();
}
