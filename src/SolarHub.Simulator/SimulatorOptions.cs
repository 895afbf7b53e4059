using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator;

/// <summary>How a simulated JK bus behaves: which packs sit on it, how the master polls them, and which seed drives the values.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The pace of a JK master between two polls when nothing else is configured.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(130);

    /// <summary>Number of slave packs on the bus (1..32).</summary>
    public int Packs { get; init; } = 3;

    /// <summary>Address of the first pack; the others follow. Real JK DIP switches give 1..15 (0 is the master).</summary>
    public byte FirstAddress { get; init; } = 1;

    /// <summary>Series cells per pack (16 for a 48 V LFP pack).</summary>
    public int CellsPerPack { get; init; } = 16;

    /// <summary>Layout of the type 01/02 frames the packs send (JK02_32S or JK02_24S).</summary>
    public JkLayout Layout { get; init; } = JkLayout.JK02_32S;

    /// <summary>True: a JK master polls the packs on its own. False (active mode): silent until a poll arrives, then the addressed pack answers.</summary>
    public bool Master { get; init; } = true;

    /// <summary>Time between two master polls; <see cref="TimeSpan.Zero"/> disables pacing (as fast as the listeners read).</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>Each pause is the interval plus a uniform jitter in ±this (capped at half the interval).</summary>
    public TimeSpan PollJitter { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Settings (01) and device info (03) are polled on the first cycle and then every this many cycles; 0 = only on start.</summary>
    public int SlowPollEvery { get; init; } = 20;

    /// <summary>A pause of the master before each cycle of settings and device-info polls (some masters stop polling for a while then); zero: none.</summary>
    public TimeSpan SlowPollPause { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// True: the poll, frame and acknowledgement of one transaction reach the transports as one message (one socket
    /// write), as from a gateway that packs UART bytes until the line goes idle. False (default): message by message,
    /// as the UART delivers them. Transport faults then apply per transaction (a merge gathers transactions).
    /// </summary>
    public bool WholeTransactions { get; init; }

    /// <summary>Active mode: how long the addressed pack takes before it answers a poll.</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Seed of every value and of the jitter: the same seed and the same polls give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How many recently sent frames <see cref="SentFrameLog"/> keeps with their bytes (0 = only counts).</summary>
    public int SentLogCapacity { get; init; }

    /// <summary>Simulated time that passes per poll: the poll interval, or the JK default when pacing is off.</summary>
    public TimeSpan SimulatedTimePerPoll => PollInterval > TimeSpan.Zero ? PollInterval : DefaultPollInterval;

    public bool Pacing => PollInterval > TimeSpan.Zero;

    /// <summary>The jitter actually applied: <see cref="PollJitter"/> capped at half the interval, so polls keep their order and pace.</summary>
    public TimeSpan EffectiveJitter => TimeSpan.FromTicks(Math.Min(PollJitter.Ticks, PollInterval.Ticks / 2));

    /// <summary>The addresses of the packs, in polling order.</summary>
    public IEnumerable<byte> Addresses => Enumerable.Range(FirstAddress, Packs).Select(a => (byte)a);

    /// <summary>Throws <see cref="ArgumentException"/> for values no JK bus can have.</summary>
    public void Validate()
    {
        if (Packs is < 1 or > 32) throw new ArgumentException($"Packs must be 1..32, got {Packs}.", nameof(Packs));
        if (FirstAddress + Packs - 1 > byte.MaxValue) throw new ArgumentException("Pack addresses must fit in a byte.", nameof(FirstAddress));
        if (Layout is not (JkLayout.JK02_32S or JkLayout.JK02_24S))
            throw new ArgumentException($"Layout {Layout} cannot be simulated; use JK02_32S or JK02_24S.", nameof(Layout));
        int maxCells = Layout == JkLayout.JK02_24S ? 24 : 32;
        if (CellsPerPack < 1 || CellsPerPack > maxCells) throw new ArgumentException($"CellsPerPack must be 1..{maxCells} for {Layout}.", nameof(CellsPerPack));
        if (PollInterval < TimeSpan.Zero || PollJitter < TimeSpan.Zero || AnswerDelay < TimeSpan.Zero || SlowPollPause < TimeSpan.Zero)
            throw new ArgumentException("Intervals cannot be negative.");
        if (SlowPollEvery < 0) throw new ArgumentException("SlowPollEvery cannot be negative.", nameof(SlowPollEvery));
        if (SentLogCapacity < 0) throw new ArgumentException("SentLogCapacity cannot be negative.", nameof(SentLogCapacity));
    }
}
