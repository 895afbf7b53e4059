using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Adapters;

/// <summary>Receives what a <see cref="BusFrameReader"/> decodes.</summary>
public interface IPackFrameSink
{
    void OnCellInfo(byte address, in CellInfo values);

    void OnDeviceInfo(byte address, in DeviceInfo info, JkLayout? detectedLayout);
}
