using System.Security.Cryptography;
using Akka.TestKit.Xunit2;
using P2C2R.Edge.Server;
using P2C2R.Edge.Tests.Support;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Edge.Tests;

public sealed class HandshakeTests : TestKit
{
    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task A_signed_hello_is_welcomed_and_its_account_is_derived_from_the_key()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { Heartbeat = TimeSpan.FromMilliseconds(250) });
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);

        var welcome = await client.JoinAsync(key, EdgeRole.Helper, "helper-7");

        var account = EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo());
        Assert.Equal(new Welcome(account, 250, 4 * 1024 * 1024), welcome);
        var opened = probe.ExpectMsg<Opened>();
        Assert.Equal(account, opened.Peer.Account);
        Assert.Equal(EdgeRole.Helper, opened.Peer.Role);
        Assert.Equal("helper-7", opened.Peer.Name);
        Assert.Equal(client.Local, opened.Peer.Remote);
    }

    [Fact]
    public async Task A_signature_over_another_nonce_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        Assert.IsType<Challenge>(await client.ReadAsync());

        var otherNonce = new byte[32];
        await client.SendAsync(new Hello(2, EdgeRole.Gamer, key.ExportSubjectPublicKeyInfo(), EdgeIdentityProof.Sign(key, EdgeRole.Gamer, otherNonce), "g", null));

        await AssertRefusedAsync(client, server, EdgeCloseCode.BadSignature);
    }

    [Fact]
    public async Task A_key_claiming_another_account_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var victim = NewKey();
        using var attacker = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        var challenge = Assert.IsType<Challenge>(await client.ReadAsync());

        // The victim's public key with the attacker's signature over the proof for that key.
        var proof = EdgeIdentityProof.Build(EdgeRole.Helper, challenge.Nonce, victim.ExportSubjectPublicKeyInfo());
        var signature = attacker.SignData(proof, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        await client.SendAsync(new Hello(2, EdgeRole.Helper, victim.ExportSubjectPublicKeyInfo(), signature, "h", null));

        await AssertRefusedAsync(client, server, EdgeCloseCode.BadSignature);
    }

    [Fact]
    public async Task A_signature_made_for_another_role_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        var challenge = Assert.IsType<Challenge>(await client.ReadAsync());

        await client.SendAsync(new Hello(2, EdgeRole.Helper, key.ExportSubjectPublicKeyInfo(), EdgeIdentityProof.Sign(key, EdgeRole.Gamer, challenge.Nonce), "h", null));

        await AssertRefusedAsync(client, server, EdgeCloseCode.BadSignature);
    }

    [Fact]
    public async Task Another_protocol_version_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        var challenge = Assert.IsType<Challenge>(await client.ReadAsync());
        Assert.Equal(2, challenge.ProtocolVersion);
        Assert.Equal(32, challenge.Nonce.Length);

        await client.SendAsync(new Hello(1, EdgeRole.Gamer, key.ExportSubjectPublicKeyInfo(), EdgeIdentityProof.Sign(key, EdgeRole.Gamer, challenge.Nonce), "g", null));

        await AssertRefusedAsync(client, server, EdgeCloseCode.UnsupportedVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("")]
    [InlineData("secret-but-longer")]
    public async Task Without_the_right_admission_token_a_client_is_refused(string? token)
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor), new EdgeServerOptions { AdmissionToken = "secret" });
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);

        Assert.Equal(EdgeCloseCode.AdmissionRefused, Assert.IsType<Goodbye>(await client.HandshakeAsync(key, EdgeRole.Helper, token: token)).Code);
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task With_the_admission_token_a_client_is_welcomed()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor), new EdgeServerOptions { AdmissionToken = "secret" });
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);

        Assert.IsType<Welcome>(await client.HandshakeAsync(key, EdgeRole.Helper, token: "secret"));
    }

    [Fact]
    public async Task A_client_silent_past_the_handshake_timeout_is_closed()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor), new EdgeServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        Assert.IsType<Challenge>(await client.ReadAsync());

        await AssertRefusedAsync(client, server, EdgeCloseCode.HandshakeTimeout);
    }

    [Fact]
    public async Task A_first_frame_other_than_hello_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        Assert.IsType<Challenge>(await client.ReadAsync());
        await client.SendAsync(new StartSession(0));

        await AssertRefusedAsync(client, server, EdgeCloseCode.MalformedFrame);
    }

    [Fact]
    public async Task A_hello_larger_than_the_handshake_limit_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        Assert.IsType<Challenge>(await client.ReadAsync());
        await client.SendAsync(new Hello(2, EdgeRole.Gamer, key.ExportSubjectPublicKeyInfo(), new byte[64], new string('x', 5000), null));

        await AssertRefusedAsync(client, server, EdgeCloseCode.FrameTooLarge);
    }

    [Fact]
    public async Task A_hello_with_garbage_for_a_key_is_refused()
    {
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        Assert.IsType<Challenge>(await client.ReadAsync());
        await client.SendAsync(new Hello(2, EdgeRole.Gamer, [1, 2, 3, 4], new byte[64], "g", null));

        await AssertRefusedAsync(client, server, EdgeCloseCode.BadSignature);
    }

    private static async Task AssertRefusedAsync(RawEdgeClient client, EdgeTestServer server, EdgeCloseCode code)
    {
        var goodbye = await client.ReadGoodbyeAsync();
        Assert.NotNull(goodbye);
        Assert.Equal(code, goodbye.Code);
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(3)));
        Assert.True(server.Logs.Contains(goodbye.Reason), string.Join("\n", server.Logs.Lines));
    }
}
