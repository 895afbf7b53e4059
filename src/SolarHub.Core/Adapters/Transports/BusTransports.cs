using SolarHub.Configuration;

namespace SolarHub.Core.Adapters.Transports;

public static class BusTransports
{
    public static IBusTransport For(TransportSettings settings) => settings switch
    {
        TcpTransport tcp => new TcpBusTransport(tcp.Host, tcp.Port),
        ModbusTcpTransport modbus => new TcpBusTransport(modbus.Host, modbus.Port, ModbusTcpTransport.Scheme),
        SerialTransport serial => new SerialBusTransport(serial),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings, "unknown transport"),
    };
}
