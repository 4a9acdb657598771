using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace P2C2R.Remote.Tests;

/// <summary>Associations over TLS with a pinned certificate, and a clear log line when trust fails.</summary>
public sealed class TlsTests : RemoteTestKit, IDisposable
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("p2c2r-tls-").FullName;
    private static readonly (string Pfx, string Cer) Trusted = Create("trusted");
    private static readonly (string Pfx, string Cer) Stranger = Create("stranger");

    public TlsTests()
        : base(Config(Trusted))
    {
    }

    [Fact]
    public void Systems_with_the_pinned_certificate_talk_over_TLS()
    {
        var (other, otherRemote) = StartSystem("secure", Config(Trusted));
        var probe = CreateTestProbe(other);

        RefFrom(Remote, otherRemote, probe.Ref).Tell(new Ping(1), TestActor);

        probe.ExpectMsg<Ping>(p => p.Sequence == 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_certificate_that_is_not_the_pinned_one_is_refused_with_the_reason_logged()
    {
        var (other, otherRemote) = StartSystem("impostor", Config(Stranger, trust: Trusted.Cer));
        var probe = CreateTestProbe(other);

        Logs.Warning("is not the pinned").ExpectOne(() => RefFrom(Remote, otherRemote, probe.Ref).Tell(new Ping(1), TestActor), TimeSpan.FromSeconds(10));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    void IDisposable.Dispose() => Dispose();

    private static string Config((string Pfx, string Cer) identity, string? trust = null) => $$"""
        p2c2r.remote.tls {
          enabled = on
          certificate = "{{identity.Pfx}}"
          certificate-password = "test"
          trust = "{{trust ?? identity.Cer}}"
        }
        """;

    private static (string Pfx, string Cer) Create(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(Folder, name + ".pfx");
        var cer = Path.Combine(Folder, name + ".cer");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "test"));
        File.WriteAllBytes(cer, certificate.Export(X509ContentType.Cert));
        return (pfx, cer);
    }
}
