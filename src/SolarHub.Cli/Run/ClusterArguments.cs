using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using SolarHub.Cluster.Hosting;
using SolarHub.Configuration.Validation;

namespace SolarHub.Cli.Run;

/// <summary>
/// <c>run</c>'s cluster settings from, in this order, its options, the environment (<c>SOLARHUB_CLUSTER</c>,
/// <c>SOLARHUB_NODE</c>, <c>SOLARHUB_REMOTING</c>, <c>SOLARHUB_SEEDS</c>) and the HOCON file's <c>solarhub.cluster</c>
/// section (<c>enabled</c>, <c>node</c>, <c>remoting</c>, <c>seeds</c>); remoting's TLS likewise from
/// <c>--remoting-certificate</c>, <c>--remoting-certificate-password-file</c>, <c>--remoting-trust</c>, then
/// <c>SOLARHUB_REMOTING_CERTIFICATE</c>, <c>SOLARHUB_REMOTING_CERTIFICATE_PASSWORD_FILE</c>, <c>SOLARHUB_REMOTING_TRUST</c>,
/// then <c>solarhub.cluster.tls</c> (<c>certificate</c>, <c>password-file</c>, <c>trust</c>). Each error names the setting it came from.
/// </summary>
public sealed record ClusterArguments(bool? Cluster, string? Node, string? Remoting, string? Seeds,
    string? Certificate = null, string? CertificatePasswordFile = null, string? Trust = null)
{
    public const string DefaultRemoting = "127.0.0.1:4053";

    /// <summary>Null with no error: a single node.</summary>
    public SolarHubClusterOptions? Resolve(Config? hocon, Func<string, string?> environment, out string? error)
    {
        error = null;
        string? Hocon(string key) => hocon is not null && hocon.HasPath($"solarhub.cluster.{key}") ? hocon.GetString($"solarhub.cluster.{key}") : null;
        string? HoconSeeds() => hocon is not null && hocon.HasPath("solarhub.cluster.seeds") ? string.Join(',', hocon.GetStringList("solarhub.cluster.seeds")) : null;

        bool enabled = Cluster ?? Flag(environment("SOLARHUB_CLUSTER")) ?? (hocon is not null && hocon.HasPath("solarhub.cluster.enabled") && hocon.GetBoolean("solarhub.cluster.enabled"));
        var (node, nodeFrom) = First(("--node", Node), ("SOLARHUB_NODE", environment("SOLARHUB_NODE")), ("solarhub.cluster.node", Hocon("node")));
        var (remoting, remotingFrom) = First(("--remoting", Remoting), ("SOLARHUB_REMOTING", environment("SOLARHUB_REMOTING")), ("solarhub.cluster.remoting", Hocon("remoting")));
        var (seeds, seedsFrom) = First(("--seeds", Seeds), ("SOLARHUB_SEEDS", environment("SOLARHUB_SEEDS")), ("solarhub.cluster.seeds", HoconSeeds()));
        var (certificate, certificateFrom) = First(("--remoting-certificate", Certificate),
            ("SOLARHUB_REMOTING_CERTIFICATE", environment("SOLARHUB_REMOTING_CERTIFICATE")), ("solarhub.cluster.tls.certificate", Hocon("tls.certificate")));
        var (passwordFile, passwordFileFrom) = First(("--remoting-certificate-password-file", CertificatePasswordFile),
            ("SOLARHUB_REMOTING_CERTIFICATE_PASSWORD_FILE", environment("SOLARHUB_REMOTING_CERTIFICATE_PASSWORD_FILE")),
            ("solarhub.cluster.tls.password-file", Hocon("tls.password-file")));
        var (trust, trustFrom) = First(("--remoting-trust", Trust), ("SOLARHUB_REMOTING_TRUST", environment("SOLARHUB_REMOTING_TRUST")),
            ("solarhub.cluster.tls.trust", Hocon("tls.trust")));

        if (!enabled)
        {
            var stray = nodeFrom ?? remotingFrom ?? seedsFrom ?? certificateFrom ?? passwordFileFrom ?? trustFrom;
            if (stray is not null)
                error = $"{stray} applies to a cluster only: add --cluster (or SOLARHUB_CLUSTER=1)";
            return null;
        }
        if (node is null)
        {
            error = "--cluster needs the node's name: --node <name> (or SOLARHUB_NODE)";
            return null;
        }
        if (IdSyntax.Problem(node, "node") is { } problem)
        {
            error = $"{nodeFrom}: {problem}";
            return null;
        }
        if (!RemotingEndpoint.TryParse(remoting ?? DefaultRemoting, out var endpoint, out var why))
        {
            error = $"{remotingFrom}: {why}";
            return null;
        }
        var seedList = new List<RemotingEndpoint>();
        foreach (var text in (seeds ?? endpoint.ToString()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!RemotingEndpoint.TryParse(text, out var seed, out why))
            {
                error = $"{seedsFrom}: {why}";
                return null;
            }
            seedList.Add(seed);
        }
        if (seedList.Count == 0)
        {
            error = $"{seedsFrom}: no seed node given (host:port[,host:port...])";
            return null;
        }
        RemotingTls? tls = null;
        if (certificate is not null)
        {
            tls = LoadTls(certificate, certificateFrom!, passwordFile, passwordFileFrom, trust, trustFrom, out error);
            if (tls is null) return null;
        }
        else if (passwordFileFrom is not null || trustFrom is not null)
        {
            error = $"{passwordFileFrom ?? trustFrom} applies to TLS only: add --remoting-certificate <file.pfx> (or SOLARHUB_REMOTING_CERTIFICATE)";
            return null;
        }
        return new SolarHubClusterOptions(node, endpoint, seedList) { Tls = tls };
    }

    /// <summary>
    /// The PKCS#12 file with its private key, opened now: a missing or unreadable file, one that is not PKCS#12 or a wrong
    /// password is an error naming the setting, before anything starts.
    /// </summary>
    private static RemotingTls? LoadTls(string path, string from, string? passwordFile, string? passwordFileFrom, string? trustText, string? trustFrom,
        out string? error)
    {
        error = null;
        RemotingTrust trust = RemotingTrust.Shared;
        if (trustText is not null)
        {
            switch (trustText.ToLowerInvariant())
            {
                case "shared": trust = RemotingTrust.Shared; break;
                case "system": trust = RemotingTrust.System; break;
                default:
                    error = $"{trustFrom}: '{trustText}' is not 'shared' (peers present this node's own certificate) or 'system' (peers' certificates chain to the system's trust store)";
                    return null;
            }
        }

        string? password = null;
        if (passwordFile is not null)
        {
            if (!TryRead(passwordFile, out var passwordBytes, out var why))
            {
                error = $"{passwordFileFrom} {passwordFile}: {why}";
                return null;
            }
            // The password is the file's first line, without its line ending: `echo secret > file` works.
            password = System.Text.Encoding.UTF8.GetString(passwordBytes).Split('\n')[0].TrimEnd('\r');
        }

        if (!TryRead(path, out var bytes, out var problem))
        {
            error = $"{from} {path}: {problem}";
            return null;
        }
        if (!IsPkcs12(bytes))
        {
            error = $"{from} {path}: not a PKCS#12 file (.pfx, .p12) holding the certificate and its private key (docs/cluster.md, \"Securing remoting\")";
            return null;
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            error = passwordFileFrom is null
                ? $"{from} {path}: cannot open it without a password ({e.Message.TrimEnd('.')}): give it with --remoting-certificate-password-file"
                : $"{from} {path}: cannot open it with the password in {passwordFileFrom} {passwordFile} ({e.Message.TrimEnd('.')})";
            return null;
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            error = $"{from} {path}: the certificate comes without its private key (export the .pfx with the key: openssl pkcs12 -export -inkey ...)";
            return null;
        }
        if (certificate.NotAfter < DateTime.Now)
        {
            error = $"{from} {path}: the certificate expired on {certificate.NotAfter:yyyy-MM-dd}";
            certificate.Dispose();
            return null;
        }
        return new RemotingTls(certificate, trust);
    }

    private static bool IsPkcs12(byte[] bytes)
    {
        try { return X509Certificate2.GetCertContentType(bytes) == X509ContentType.Pkcs12; }
        catch (CryptographicException) { return false; }
    }

    private static bool TryRead(string path, out byte[] bytes, out string why)
    {
        bytes = [];
        why = "";
        if (Directory.Exists(path))
        {
            why = "is a folder, not a file";
            return false;
        }
        if (!File.Exists(path))
        {
            why = "no such file";
            return false;
        }
        try
        {
            bytes = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"cannot read it: {e.Message}";
            return false;
        }
    }

    private static bool? Flag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "1" or "true" or "yes" or "on" => true,
        _ => false,
    };

    private static (string? Value, string? From) First(params (string From, string? Value)[] sources)
    {
        foreach (var (from, value) in sources)
            if (!string.IsNullOrWhiteSpace(value)) return (value.Trim(), from);
        return (null, null);
    }
}
