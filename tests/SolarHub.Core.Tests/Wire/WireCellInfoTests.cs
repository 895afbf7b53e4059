using SolarHub.Core.Adapters;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Tests.Wire;

/// <summary>
/// A CellInfo is a struct of init-only properties holding inline arrays: the parts a general-purpose JSON serializer
/// gets wrong. Every real capture that decodes must reach the other node with every value equal.
/// </summary>
[Collection(WireCollection.Name)]
public sealed class WireCellInfoTests(WireNode node)
{
    public static TheoryData<int> Frames => new(Enumerable.Range(0, WireFrames.CellInfos.Count));

    [Fact]
    public void There_are_real_frames_to_send() => WireFrames.CellInfos.Should().HaveCountGreaterThan(5);

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_decoded_real_frame_arrives_with_every_value_equal(int index)
    {
        var (name, info) = WireFrames.CellInfos[index];
        var reading = new PackReadingReceived("gw-1", 1, info, DateTimeOffset.UnixEpoch, 0);

        var restored = ((PackReadingReceived)node.RoundTrip(reading)).Values;

        restored.Should().Be(info, $"frame {name} must come back equal");
        for (int i = 0; i < CellArray.Capacity; i++)
        {
            restored.CellVoltagesMv[i].Should().Be(info.CellVoltagesMv[i], $"cell {i} voltage");
            restored.CellResistancesMilliohm[i].Should().Be(info.CellResistancesMilliohm[i], $"cell {i} resistance");
        }
        for (int i = 0; i < TemperatureArray.Capacity; i++)
            restored.TemperaturesDeci[i].Should().Be(info.TemperaturesDeci[i], $"temperature {i}");
        restored.Alarms.Should().Be(info.Alarms);
        // Every public property, the computed ones too (they follow from the raw values).
        foreach (var property in typeof(CellInfo).GetProperties())
            property.GetValue(restored).Should().Be(property.GetValue(info), $"{property.Name} of frame {name}");
    }

    [Fact]
    public void Alarm_bits_without_a_name_survive()
    {
        var info = WireFrames.CellInfos[0].Info with { Alarms = JkAlarms.CellUndervoltage | (JkAlarms)(1u << 3) | (JkAlarms)(1u << 31) };

        var restored = ((PackReadingReceived)node.RoundTrip(new PackReadingReceived("gw-1", 1, info, DateTimeOffset.UnixEpoch, 0))).Values;

        restored.Alarms.Should().Be(info.Alarms);
    }
}
