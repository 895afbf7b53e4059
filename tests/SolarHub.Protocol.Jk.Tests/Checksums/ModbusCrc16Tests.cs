using System.Text;
using CsCheck;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Checksums;

public class ModbusCrc16Tests
{
    [Fact]
    public void Poll_for_cell_info_of_pack_1_carries_the_reference_crc_low_byte_first()
    {
        byte[] body = [0x01, 0x10, 0x16, 0x20, 0x00, 0x01, 0x02, 0x00, 0x00];
        ushort reference = ReferenceChecksums.ModbusCrc16(body);

        reference.Should().Be(0xF1D6);
        ModbusCrc16.Compute(body).Should().Be(reference);
        ModbusMessages.Poll(1, JkRegister.CellInfo).Should().Equal(0x01, 0x10, 0x16, 0x20, 0x00, 0x01, 0x02, 0x00, 0x00, 0xD6, 0xF1);
    }

    [Fact]
    public void Acknowledgement_for_cell_info_of_pack_1_carries_the_reference_crc()
    {
        byte[] body = [0x01, 0x10, 0x16, 0x20, 0x00, 0x01];
        ushort reference = ReferenceChecksums.ModbusCrc16(body);

        ModbusMessages.Acknowledgement(1, JkRegister.CellInfo)
            .Should().Equal([.. body, (byte)reference, (byte)(reference >> 8)]);
    }

    [Fact]
    public void Standard_check_value_of_the_catalogue_is_reproduced()
    {
        // CRC-16/MODBUS catalogue entry: check("123456789") = 0x4B37.
        ModbusCrc16.Compute(Encoding.ASCII.GetBytes("123456789")).Should().Be(0x4B37);
        ReferenceChecksums.ModbusCrc16(Encoding.ASCII.GetBytes("123456789")).Should().Be(0x4B37);
    }

    [Fact]
    public void Table_driven_crc_equals_the_bitwise_reference_on_any_bytes() =>
        Gen.Byte.Array[0, 600].Sample(data =>
            ModbusCrc16.Compute(data) == ReferenceChecksums.ModbusCrc16(data));

    [Fact]
    public void Every_poll_and_acknowledgement_the_codec_writes_is_valid()
    {
        ushort[] registers = [JkRegister.CellInfo, JkRegister.Settings, JkRegister.DeviceInfo];
        for (int address = 0; address < 16; address++)
            foreach (ushort register in registers)
            {
                ModbusCrc16.IsValid(ModbusMessages.Poll((byte)address, register)).Should().BeTrue();
                ModbusCrc16.IsValid(ModbusMessages.Acknowledgement((byte)address, register)).Should().BeTrue();
            }
    }

    [Fact]
    public void Any_single_bit_flip_in_a_poll_is_detected()
    {
        byte[] poll = ModbusMessages.Poll(3, JkRegister.Settings);
        for (int i = 0; i < poll.Length; i++)
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] corrupted = [.. poll];
                corrupted[i] ^= (byte)(1 << bit);
                ModbusCrc16.IsValid(corrupted).Should().BeFalse($"byte {i} bit {bit} was flipped");
            }
    }

    [Fact]
    public void Messages_too_short_to_hold_a_crc_are_never_valid()
    {
        ModbusCrc16.IsValid([]).Should().BeFalse();
        ModbusCrc16.IsValid([0xFF, 0xFF]).Should().BeFalse();
    }
}
