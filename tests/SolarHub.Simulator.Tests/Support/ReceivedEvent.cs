using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator.Tests.Support;

/// <summary>A <see cref="BusEvent"/> copied out of the scanner, so tests can keep it.</summary>
public sealed record ReceivedEvent(
    BusEventKind Kind, byte Address, bool HasAddress, ushort Register, bool ChecksumValid, byte[] Frame, int DiscardedBytes)
{
    public static ReceivedEvent From(in BusEvent e) =>
        new(e.Kind, e.Address, e.HasAddress, e.Register, e.ChecksumValid, e.Frame.ToArray(), e.DiscardedBytes);

    public bool IsFrame => Kind == BusEventKind.DataFrame;
    public JkFrameType FrameType => (JkFrameType)Frame[JkFrame.TypeOffset];
    public byte Counter => Frame[JkFrame.CounterOffset];

    public override string ToString() => Kind switch
    {
        BusEventKind.DataFrame => $"Frame({Address}{(HasAddress ? "" : "?")}, {FrameType}, #{Counter}, {(ChecksumValid ? "ok" : "BAD")})",
        BusEventKind.Discarded => $"Discarded({DiscardedBytes})",
        _ => $"{Kind}({Address}, 0x{Register:X4})",
    };
}
