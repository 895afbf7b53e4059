namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>A decoded type 03 frame. Text fields stay inline until read, so decoding allocates nothing.</summary>
public readonly record struct DeviceInfo
{
    public byte Counter { get; init; }
    public AsciiField ModelField { get; init; }
    public AsciiField HardwareVersionField { get; init; }
    public AsciiField SoftwareVersionField { get; init; }
    public AsciiField SerialNumberField { get; init; }
    public AsciiField ManufacturingDateField { get; init; }
    public AsciiField DeviceNameField { get; init; }
    public uint UptimeSeconds { get; init; }
    public uint PowerOnCount { get; init; }

    public string Model => ModelField.ToString();
    public string HardwareVersion => HardwareVersionField.ToString();
    public string SoftwareVersion => SoftwareVersionField.ToString();
    public string SerialNumber => SerialNumberField.ToString();
    public string ManufacturingDate => ManufacturingDateField.ToString();
    public string DeviceName => DeviceNameField.ToString();
}
