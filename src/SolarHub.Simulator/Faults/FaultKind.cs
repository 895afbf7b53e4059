namespace SolarHub.Simulator;

/// <summary>Faults that stay on until cleared (see <see cref="FaultController.Clear(FaultKind)"/>).</summary>
public enum FaultKind
{
    /// <summary>Half-open: nothing is sent to anyone, sockets stay open.</summary>
    Silence,
    /// <summary>New connections are accepted and never sent anything.</summary>
    SilenceNewConnections,
    /// <summary>One byte per interval.</summary>
    Drip,
    /// <summary>Every message goes out in random small writes.</summary>
    SplitWrites,
    /// <summary>Several messages go out in one write.</summary>
    MergeWrites,
    /// <summary>Frames go out with a wrong checksum byte.</summary>
    CorruptChecksums,
    /// <summary>Polls and acknowledgements go out with a wrong CRC.</summary>
    CorruptCrcs,
    /// <summary>Garbage bytes waiting to be injected.</summary>
    Garbage,
    /// <summary>Packs that do not answer their polls.</summary>
    MissingPacks,
    /// <summary>Pinned pack values.</summary>
    PackValues,
}
