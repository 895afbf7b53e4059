namespace SolarHub.Node.Api.Events;

/// <summary>What one <c>GET /api/events</c> client asked for: one bank or all (<c>?bank=</c>), some kinds or all (<c>?kinds=</c>).</summary>
public sealed record EventStreamFilter(string? BankId, IReadOnlySet<string> Kinds)
{
    public static EventStreamFilter All { get; } = new(null, ServerEvent.Kinds.Values.ToHashSet());

    public static EventStreamFilter For(string? bankId, IEnumerable<Type> types) =>
        new(bankId, types.Select(t => ServerEvent.Kinds[t]).ToHashSet());

    public bool Accepts(ServerEvent e) => Kinds.Contains(e.Kind) && (BankId is null || e.BankId == BankId);
}
