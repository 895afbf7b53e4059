using Akka.Configuration;
using SolarHub.Cli.Run;
using SolarHub.Cluster.Hosting;

namespace SolarHub.Cli.Tests.Cluster;

/// <summary>Remoting's TLS settings as <c>run</c> resolves them: options, then SOLARHUB_*, then solarhub.cluster.tls; each error names its setting.</summary>
public sealed class RemotingTlsArgumentsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-tls-args-").FullName;
    private readonly string _pfx;
    private readonly string _passwordFile;

    public RemotingTlsArgumentsTests()
    {
        _pfx = Path.Combine(_folder, "node.pfx");
        TestCertificates.Create(_pfx, "solarhub-test", "s3cret pass");
        _passwordFile = Path.Combine(_folder, "password");
        File.WriteAllText(_passwordFile, "s3cret pass\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SolarHubClusterOptions? Resolve(ClusterArguments args, out string? error, Dictionary<string, string>? environment = null, string? hocon = null) =>
        args.Resolve(hocon is null ? null : ConfigurationFactory.ParseString(hocon), name => environment?.GetValueOrDefault(name), out error);

    private ClusterArguments Node(string? certificate, string? passwordFile = null, string? trust = null) =>
        new(true, "a", null, null, certificate, passwordFile, trust);

    [Fact]
    public void A_certificate_and_its_password_file_give_tls_trusting_the_shared_certificate()
    {
        var options = Resolve(Node(_pfx, _passwordFile), out var error);

        error.Should().BeNull();
        options!.Tls.Should().NotBeNull();
        options.Tls!.Certificate.HasPrivateKey.Should().BeTrue();
        options.Tls.Certificate.Subject.Should().Be("CN=solarhub-test");
        options.Tls.Trust.Should().Be(RemotingTrust.Shared);
        options.Protocol.Should().Be("akka.ssl.tcp");
        options.Remoting.Host.Should().Be("127.0.0.1", "TLS does not move remoting off loopback");
    }

    [Fact]
    public void Without_a_certificate_remoting_is_plaintext()
    {
        var options = Resolve(Node(null), out var error);
        error.Should().BeNull();
        options!.Tls.Should().BeNull();
        options.Protocol.Should().Be("akka.tcp");
    }

    [Fact]
    public void The_environment_and_then_hocon_give_the_settings()
    {
        var fromEnvironment = Resolve(Node(null), out var error, new()
        {
            ["SOLARHUB_REMOTING_CERTIFICATE"] = _pfx,
            ["SOLARHUB_REMOTING_CERTIFICATE_PASSWORD_FILE"] = _passwordFile,
            ["SOLARHUB_REMOTING_TRUST"] = "system",
        });
        error.Should().BeNull();
        fromEnvironment!.Tls!.Trust.Should().Be(RemotingTrust.System);

        string hocon = $"solarhub.cluster.tls {{ certificate = \"{_pfx}\", password-file = \"{_passwordFile}\", trust = shared }}";
        var fromHocon = Resolve(Node(null), out error, hocon: hocon);
        error.Should().BeNull();
        fromHocon!.Tls!.Trust.Should().Be(RemotingTrust.Shared);
    }

    [Fact]
    public void A_missing_certificate_file_is_named()
    {
        string missing = Path.Combine(_folder, "nope.pfx");
        Resolve(Node(missing, _passwordFile), out var error).Should().BeNull();
        error.Should().Be($"--remoting-certificate {missing}: no such file");

        Resolve(Node(null), out error, new() { ["SOLARHUB_REMOTING_CERTIFICATE"] = missing }).Should().BeNull();
        error.Should().Be($"SOLARHUB_REMOTING_CERTIFICATE {missing}: no such file");

        Resolve(Node(null), out error, hocon: $"solarhub.cluster.tls.certificate = \"{missing}\"").Should().BeNull();
        error.Should().Be($"solarhub.cluster.tls.certificate {missing}: no such file");
    }

    [Fact]
    public void A_missing_password_file_is_named()
    {
        string missing = Path.Combine(_folder, "no-password");
        Resolve(Node(_pfx, missing), out var error).Should().BeNull();
        error.Should().Be($"--remoting-certificate-password-file {missing}: no such file");
    }

    [Fact]
    public void A_wrong_password_is_named()
    {
        string wrong = Path.Combine(_folder, "wrong");
        File.WriteAllText(wrong, "not the password\n");
        Resolve(Node(_pfx, wrong), out var error).Should().BeNull();
        error.Should().StartWith($"--remoting-certificate {_pfx}: cannot open it with the password in --remoting-certificate-password-file {wrong}");
        error.Should().NotContain("\n");
    }

    [Fact]
    public void No_password_for_a_protected_file_says_to_give_one()
    {
        Resolve(Node(_pfx), out var error).Should().BeNull();
        error.Should().StartWith($"--remoting-certificate {_pfx}: cannot open it without a password").And.EndWith("--remoting-certificate-password-file");
    }

    [Fact]
    public void A_file_that_is_not_pkcs12_is_named()
    {
        string pem = Path.Combine(_folder, "solarhub-test.crt.pem");
        if (!File.Exists(pem)) File.WriteAllText(pem, "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n");
        Resolve(Node(pem, _passwordFile), out var error).Should().BeNull();
        error.Should().StartWith($"--remoting-certificate {pem}: not a PKCS#12 file");

        string text = Path.Combine(_folder, "text.pfx");
        File.WriteAllText(text, "hello");
        Resolve(Node(text, _passwordFile), out error).Should().BeNull();
        error.Should().StartWith($"--remoting-certificate {text}: not a PKCS#12 file");
    }

    [Fact]
    public void A_folder_is_not_a_certificate()
    {
        Resolve(Node(_folder, _passwordFile), out var error).Should().BeNull();
        error.Should().Be($"--remoting-certificate {_folder}: is a folder, not a file");
    }

    [Fact]
    public void An_unknown_trust_is_named()
    {
        Resolve(Node(_pfx, _passwordFile, "anything"), out var error).Should().BeNull();
        error.Should().StartWith("--remoting-trust: 'anything' is not 'shared'");
    }

    [Fact]
    public void Tls_settings_without_a_certificate_or_without_a_cluster_are_errors()
    {
        Resolve(Node(null, _passwordFile), out var error).Should().BeNull();
        error.Should().StartWith("--remoting-certificate-password-file applies to TLS only");

        Resolve(new ClusterArguments(null, null, null, null, _pfx), out error).Should().BeNull();
        error.Should().StartWith("--remoting-certificate applies to a cluster only");
    }
}
