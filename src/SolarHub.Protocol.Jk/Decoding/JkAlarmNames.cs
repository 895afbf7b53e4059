namespace SolarHub.Protocol.Jk.Decoding;

public static class JkAlarmNames
{
    private static readonly (JkAlarms Flag, string Name)[] All =
        Enum.GetValues<JkAlarms>().Where(a => a != JkAlarms.None).Select(a => (a, a.ToString())).ToArray();

    /// <summary>
    /// Names of the set flags, in bit order. Banks call this for every frame they publish: no alarm (the usual
    /// case) costs nothing, and names are never formatted again.
    /// </summary>
    public static IReadOnlyList<string> Names(JkAlarms alarms)
    {
        if (alarms == JkAlarms.None) return [];
        var names = new List<string>(4);
        foreach (var (flag, name) in All)
            if ((alarms & flag) != 0) names.Add(name);
        return names;
    }
}
