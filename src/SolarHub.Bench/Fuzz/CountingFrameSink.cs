using SolarHub.Core.Adapters;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Bench.Fuzz;

/// <summary>Counts what the adapters' frame reader hands on, and folds in a value of each, so nothing is optimised away.</summary>
public sealed class CountingFrameSink : IPackFrameSink
{
    public long CellInfos { get; private set; }
    public long DeviceInfos { get; private set; }
    public long Sink { get; private set; }

    public void OnCellInfo(byte address, in CellInfo values)
    {
        CellInfos++;
        Sink += values.PackVoltageMv + address;
    }

    public void OnDeviceInfo(byte address, in DeviceInfo info, JkLayout? detectedLayout)
    {
        DeviceInfos++;
        Sink += info.UptimeSeconds + (int)(detectedLayout ?? JkLayout.JK04);
    }
}
