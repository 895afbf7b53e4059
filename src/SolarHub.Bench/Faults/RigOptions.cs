namespace SolarHub.Bench.Faults;

/// <summary>How a <see cref="FaultRig"/> is built for one row.</summary>
public sealed record RigOptions
{
    /// <summary>How the primary reaches its bus.</summary>
    public PrimaryLink Primary { get; init; } = PrimaryLink.Tcp;

    /// <summary>Packs on the simulated buses (both: they are the same physical bus); the bank is configured with 3.</summary>
    public int BusPacks { get; init; } = 3;

    /// <summary>The bank has its hot-standby secondary; without it the primary is its only adapter (nothing to fail over to).</summary>
    public bool Standby { get; init; } = true;

    /// <summary>The bank's failback hold-down: short, so rows follow each other quickly, unless the row is about it.</summary>
    public TimeSpan FailbackHoldDown { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>The primary adapter's way to its bus.</summary>
public enum PrimaryLink
{
    /// <summary>Straight to its simulated gateway.</summary>
    Tcp,
    /// <summary>Through a <see cref="FaultProxy"/> in front of its simulated gateway.</summary>
    TcpThroughProxy,
    /// <summary>A serial port: one end of a socat pty pair, the simulated bus on the other.</summary>
    SerialPty,
}
