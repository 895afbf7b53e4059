namespace SolarHub.Simulator;
internal static class Placeholder { }
