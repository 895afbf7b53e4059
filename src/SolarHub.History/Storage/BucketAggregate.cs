namespace SolarHub.History.Storage;

/// <summary>
/// Samples of one series in one hour or day, summed up in memory before they are merged into the stored aggregate:
/// per metric how many were measured, their sum (the average is sum / count), minimum and maximum.
/// </summary>
public sealed class BucketAggregate
{
    public BucketAggregate(int metrics)
    {
        Counts = new long[metrics];
        Sums = new double[metrics];
        Mins = new double[metrics];
        Maxes = new double[metrics];
        Array.Fill(Mins, double.PositiveInfinity);
        Array.Fill(Maxes, double.NegativeInfinity);
    }

    public int Samples { get; private set; }
    public long[] Counts { get; }
    public double[] Sums { get; }
    public double[] Mins { get; }
    public double[] Maxes { get; }

    public void Add(double?[] values)
    {
        Samples++;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } v || double.IsNaN(v)) continue;
            Counts[i]++;
            Sums[i] += v;
            if (v < Mins[i]) Mins[i] = v;
            if (v > Maxes[i]) Maxes[i] = v;
        }
    }
}
