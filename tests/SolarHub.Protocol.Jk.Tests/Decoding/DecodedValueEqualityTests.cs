using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Decoding;

/// <summary>
/// Decoded frames are records: consumers compare them to publish only changes and use them as keys. The inline
/// arrays inside must take part in that comparison (and not throw, as the runtime's default does for them).
/// </summary>
public class DecodedValueEqualityTests
{
    private static readonly RealFrame CellFrame = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2");

    [Fact]
    public void Decoding_the_same_cell_frame_twice_gives_equal_values_with_equal_hashes()
    {
        CellInfoDecoder.TryDecode(CellFrame.Bytes, JkLayout.JK02_32S, out var first);
        CellInfoDecoder.TryDecode(CellFrame.Frame, JkLayout.JK02_32S, out var second);

        (first == second).Should().BeTrue();
        first.GetHashCode().Should().Be(second.GetHashCode());
        new HashSet<CellInfo> { first, second }.Should().HaveCount(1);
    }

    [Fact]
    public void A_change_in_one_cell_or_one_temperature_makes_the_values_differ()
    {
        CellInfoDecoder.TryDecode(CellFrame.Bytes, JkLayout.JK02_32S, out var original);

        var cells = original.CellVoltagesMv;
        cells[15]++;
        (original with { CellVoltagesMv = cells }).Should().NotBe(original);

        var temperatures = original.TemperaturesDeci;
        temperatures[4]++;
        (original with { TemperaturesDeci = temperatures }).Should().NotBe(original);
    }

    [Fact]
    public void Device_info_compares_by_its_text_fields()
    {
        var a = RealFrames.Single("esp32-ble-v19-example-faker2.yaml", "device_info_frame_a");
        var b = RealFrames.Single("esp32-ble-v19-example-faker2.yaml", "device_info_frame_b");
        DeviceInfoDecoder.TryDecode(a.Bytes, out var infoA);
        DeviceInfoDecoder.TryDecode(b.Bytes, out var infoB);

        // The two frames differ only in their counter.
        (infoA with { Counter = infoB.Counter }).Should().Be(infoB);
        (infoA with { Counter = infoB.Counter, ModelField = AsciiField.From("JK_B2A8S30Q"u8) }).Should().NotBe(infoB);
    }
}
