namespace SolarHub.Configuration;

/// <summary>A pack on the bank's bus: its DIP-switch address and how many cells it has.</summary>
public sealed record PackConfig(byte Address, int Cells = 16);
