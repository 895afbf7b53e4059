using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SolarHub.Cli.Tests.Cluster;

/// <summary>Self-signed PKCS#12 files for remoting's TLS, made with openssl as docs/cluster.md says (else with .NET's CertificateRequest).</summary>
public static class TestCertificates
{
    /// <summary>A self-signed certificate with its key in <paramref name="pfxPath"/>, protected by <paramref name="password"/>.</summary>
    public static void Create(string pfxPath, string commonName, string password)
    {
        string folder = Path.GetDirectoryName(pfxPath)!;
        string key = Path.Combine(folder, commonName + ".key.pem"), cert = Path.Combine(folder, commonName + ".crt.pem");
        if (Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", $"/CN={commonName}")
            && Run("openssl", "pkcs12", "-export", "-inkey", key, "-in", cert, "-out", pfxPath, "-passout", $"pass:{password}"))
            return;

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(pfxPath, made.Export(X509ContentType.Pkcs12, password));
    }

    private static bool Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
