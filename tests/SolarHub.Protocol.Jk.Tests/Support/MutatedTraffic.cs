namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>
/// Real transactions on a bus, damaged by flips, insertions and deletions. Remembers which transactions the
/// damage touched, so a test can demand that every untouched one still comes through.
/// </summary>
public sealed class MutatedTraffic
{
    public enum Damage { Flip, Insert, Delete }

    public readonly record struct Mutation(Damage Kind, int PositionSeed, byte Value);

    /// <summary>A transaction: pack <paramref name="Address"/> answering with <paramref name="Frame"/>.</summary>
    public readonly record struct Transaction(byte Address, byte[] Frame);

    public byte[] Stream { get; }

    /// <summary>Transactions no mutation landed in (their poll, frame and acknowledgement are intact).</summary>
    public IReadOnlyList<Transaction> Untouched { get; }

    public MutatedTraffic(IReadOnlyList<Transaction> transactions, IReadOnlyList<Mutation> mutations)
    {
        var script = new BusScript();
        var ranges = new List<(int Start, int End)>();
        foreach (var t in transactions)
        {
            int start = script.Length;
            script.Transaction(t.Address, t.Frame);
            ranges.Add((start, script.Length));
            script.LineNoise();
        }

        var bytes = script.Bytes.ToList();
        var touched = new bool[transactions.Count];
        foreach (var m in mutations)
        {
            if (bytes.Count == 0) break;
            int at = m.PositionSeed % bytes.Count;
            for (int i = 0; i < ranges.Count; i++)
            {
                // An insertion just before a transaction's first byte does not touch it; anything inside does.
                var (start, end) = ranges[i];
                if (at >= start && at < end && !(m.Kind == Damage.Insert && at == start)) touched[i] = true;
            }
            switch (m.Kind)
            {
                case Damage.Flip:
                    bytes[at] ^= m.Value == 0 ? (byte)1 : m.Value;
                    break;
                case Damage.Insert:
                    bytes.Insert(at, m.Value);
                    Shift(ranges, at, +1);
                    break;
                case Damage.Delete:
                    bytes.RemoveAt(at);
                    Shift(ranges, at, -1);
                    break;
            }
        }

        Stream = [.. bytes];
        Untouched = transactions.Where((_, i) => !touched[i]).ToList();
    }

    /// <summary>Moves the ranges after an insertion or deletion at <paramref name="at"/>.</summary>
    private static void Shift(List<(int Start, int End)> ranges, int at, int by)
    {
        for (int i = 0; i < ranges.Count; i++)
        {
            var (start, end) = ranges[i];
            ranges[i] = (start > at || (by > 0 && start == at) ? start + by : start, end > at ? end + by : end);
        }
    }

    public override string ToString() => $"{Stream.Length} bytes, {Untouched.Count} untouched transactions";
}
