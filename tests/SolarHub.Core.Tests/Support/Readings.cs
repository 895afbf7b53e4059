using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Simulator;

namespace SolarHub.Core.Tests.Support;

/// <summary>Real decoded cell data: a simulated pack's type 02 frame, composed and decoded like on the bus.</summary>
public static class Readings
{
    public static CellInfo For(byte address, int seed = 1)
    {
        var model = new PackModel(address, seed);
        var frame = new byte[JkFrame.Length];
        FrameComposer.WriteCellInfo(frame, model.State, JkLayout.JK02_32S, counter: 1);
        var status = CellInfoDecoder.TryDecode(frame, JkLayout.JK02_32S, out var info);
        if (status != DecodeStatus.Ok) throw new InvalidOperationException($"test frame for pack {address} does not decode: {status}");
        return info;
    }
}
