using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using P2C2R.Edge.Framing;
using P2C2R.Edge.Transport;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Edge.Server;

/// <summary>The outcome of a coordinator's handshake: a proven peer, or why it was refused.</summary>
internal readonly record struct HandshakeOutcome(Hello? Hello, string Account, EdgeCloseCode Code, string Reason)
{
    public static HandshakeOutcome Refused(EdgeCloseCode code, string reason) => new(null, "", code, reason);
}

/// <summary>
/// The coordinator's half of docs/PROTOCOL.md §2: Challenge with a fresh nonce, then one Hello
/// checked for version, admission token, name and signature. Before it passes, the peer gets
/// frames of at most <see cref="FrameReading.HandshakeMaxFrameBytes"/> and the handshake timeout.
/// </summary>
internal static class ServerHandshake
{
    private const int MaxNameChars = 128;

    public static async Task<HandshakeOutcome> RunAsync(IDuplexPipe transport, EdgeServerOptions options, CancellationToken cancellation)
    {
        var nonce = RandomNumberGenerator.GetBytes(EdgeIdentityProof.NonceBytes);
        IEdgeMessage? first;
        try
        {
            await FrameReading.WriteOneAsync(transport.Output, new Challenge(EdgeIdentityProof.ProtocolVersion, nonce, options.CoordinatorName), cancellation).ConfigureAwait(false);
            first = await FrameReading.ReadOneAsync(transport.Input, FrameReading.HandshakeMaxFrameBytes, cancellation).ConfigureAwait(false);
        }
        catch (EdgeProtocolException e)
        {
            return HandshakeOutcome.Refused(e.Code, e.Message);
        }
        catch (OperationCanceledException)
        {
            return HandshakeOutcome.Refused(EdgeCloseCode.HandshakeTimeout, $"no hello within {options.HandshakeTimeout.TotalMilliseconds} ms");
        }

        return first switch
        {
            null => HandshakeOutcome.Refused(EdgeCloseCode.Normal, "closed before the handshake"),
            Hello hello => Check(hello, nonce, options),
            _ => HandshakeOutcome.Refused(EdgeCloseCode.MalformedFrame, $"expected edge.hello, got code {EdgeCodec.CodeOf(first)}"),
        };
    }

    private static HandshakeOutcome Check(Hello hello, byte[] nonce, EdgeServerOptions options)
    {
        if (hello.ProtocolVersion != EdgeIdentityProof.ProtocolVersion)
        {
            return HandshakeOutcome.Refused(EdgeCloseCode.UnsupportedVersion, $"protocol version {hello.ProtocolVersion} is not supported; this coordinator speaks {EdgeIdentityProof.ProtocolVersion}");
        }

        if (hello.Role is not (EdgeRole.Helper or EdgeRole.Gamer))
        {
            return HandshakeOutcome.Refused(EdgeCloseCode.MalformedFrame, $"unknown role {(int)hello.Role}");
        }

        if (string.IsNullOrWhiteSpace(hello.Name) || hello.Name.Length > MaxNameChars)
        {
            return HandshakeOutcome.Refused(EdgeCloseCode.MalformedFrame, $"a name must have 1 to {MaxNameChars} characters");
        }

        if (!string.IsNullOrEmpty(options.AdmissionToken) && !TokenMatches(options.AdmissionToken, hello.AdmissionToken))
        {
            return HandshakeOutcome.Refused(EdgeCloseCode.AdmissionRefused, hello.AdmissionToken is null ? "an admission token is required" : "wrong admission token");
        }

        return EdgeIdentityProof.TryVerify(hello, nonce, out var account)
            ? new HandshakeOutcome(hello, account, EdgeCloseCode.Normal, "")
            : HandshakeOutcome.Refused(EdgeCloseCode.BadSignature, "the signature does not prove the key");
    }

    /// <summary>Constant time in the token's content and length: both sides are hashed first.</summary>
    private static bool TokenMatches(string expected, string? offered)
    {
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(offered ?? ""), b);
        return CryptographicOperations.FixedTimeEquals(a, b) && offered is not null;
    }
}
