using System.IO.Ports;

namespace SolarHub.Configuration;

/// <summary>The one transport an adapter owns.</summary>
public abstract record TransportSettings
{
    /// <summary>A short human description, e.g. <c>tcp://192.168.1.100:8899</c>.</summary>
    public abstract string Describe();
}

/// <summary>An RS485-to-TCP gateway (USR-TCP232, Elfin EW11, Waveshare…).</summary>
public sealed record TcpTransport(string Host, int Port) : TransportSettings
{
    public override string Describe() => $"tcp://{Host}:{Port}";
}

/// <summary>
/// An RS485-to-Ethernet converter set to "Modbus TCP to RTU": it forwards only answers to requests (framed with the
/// Modbus TCP header, the pack address as unit id), so only a <c>jk-active</c> adapter can use it: a listener hears nothing.
/// </summary>
public sealed record ModbusTcpTransport(string Host, int Port) : TransportSettings
{
    public const string Scheme = "tcp+modbus";

    public override string Describe() => $"{Scheme}://{Host}:{Port}";
}

/// <summary>A serial RS485 adapter (USB dongle or UART), 115200 8N1 on JK buses.</summary>
public sealed record SerialTransport(
    string Path,
    int BaudRate = 115200,
    Parity Parity = Parity.None,
    int DataBits = 8,
    StopBits StopBits = StopBits.One) : TransportSettings
{
    public override string Describe() => $"serial://{Path}@{BaudRate}";
}
