namespace SolarHub.Bench.Fuzz;

/// <summary>The four kinds of input <c>bench fuzz</c> feeds the codec, in turn.</summary>
public enum FuzzInputKind
{
    /// <summary>Uniform random bytes.</summary>
    Random,
    /// <summary>A window of real traffic with random bits flipped (and a few bytes set to 0x55 or 0x10, the bytes the scanner looks for).</summary>
    BitFlipped,
    /// <summary>Real messages cut short (head or tail missing), glued back to back, with whole ones among them.</summary>
    Truncated,
    /// <summary>Real traffic cut at random points and glued to other traffic, garbage and cut messages.</summary>
    Spliced,
}
