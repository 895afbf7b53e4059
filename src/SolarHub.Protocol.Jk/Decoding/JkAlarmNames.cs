namespace SolarHub.Protocol.Jk.Decoding;

public static class JkAlarmNames
{
    private static readonly JkAlarms[] All = Enum.GetValues<JkAlarms>().Where(a => a != JkAlarms.None).ToArray();

    /// <summary>Names of the set flags, in bit order (allocates: for presentation, not the hot path).</summary>
    public static IReadOnlyList<string> Names(JkAlarms alarms) =>
        All.Where(a => (alarms & a) != 0).Select(a => a.ToString()).ToArray();

    /// <summary>Bits set that have no name in the documentation.</summary>
    public static uint UnknownBits(JkAlarms alarms) => (uint)alarms & ~All.Aggregate(0u, (acc, a) => acc | (uint)a);
}
