using System.Security.Cryptography;
using System.Text;
using Akka.Actor;

namespace SolarHub.Node.Api;

/// <summary>
/// The bearer token that unlocks state-changing endpoints: <see cref="ApiOptions.Token"/> (e.g. <c>--api-token-file</c>),
/// else <c>SOLARHUB_API_TOKEN</c>, else HOCON <c>solarhub.api.token</c>. Resolved once, when first needed
/// (the HOCON is the actor system's).
/// </summary>
public sealed class ApiToken(ApiOptions options, ActorSystem system)
{
    public const string EnvironmentVariable = "SOLARHUB_API_TOKEN";
    public const string HoconPath = "solarhub.api.token";

    private readonly Lazy<byte[]?> _hash = new(() => Resolve(options, system) is { } token ? Hash(token) : null);

    public bool IsConfigured => _hash.Value is not null;

    /// <summary>Compares in constant time (hashes of equal length), so the answer time says nothing about the token.</summary>
    public bool Matches(string? presented) =>
        _hash.Value is { } expected && presented is not null && CryptographicOperations.FixedTimeEquals(expected, Hash(presented));

    private static string? Resolve(ApiOptions options, ActorSystem system)
    {
        var config = system.Settings.Config;
        string?[] sources = [options.Token, Environment.GetEnvironmentVariable(EnvironmentVariable), config.HasPath(HoconPath) ? config.GetString(HoconPath) : null];
        return sources.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))?.Trim();
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
