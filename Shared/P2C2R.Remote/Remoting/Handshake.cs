using System.Buffers;
using P2C2R.MessagePack;

namespace P2C2R.Remote;

/// <summary>
/// What each side says about itself when a connection opens. The dialling side sends
/// <c>Associate</c> (with the auth token); the listening side answers <c>AssociateAck</c> with its
/// own identity, or <c>AssociateRefused</c> with a reason, and closes.
/// </summary>
internal sealed record HandshakeInfo(int ProtocolVersion, string SystemName, long Uid, Address Address, string Role, string AuthToken)
{
    public const int CurrentProtocolVersion = 1;

    public byte[] Encode(bool includeToken)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(includeToken ? 6 : 5);
        writer.Write(ProtocolVersion);
        writer.Write(SystemName);
        writer.Write(Uid);
        writer.Write(Address.ToString());
        writer.Write(Role);
        if (includeToken)
        {
            writer.Write(AuthToken);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static HandshakeInfo Decode(byte[] body, bool withToken)
    {
        var reader = new MessagePackReader(body);
        var count = reader.ReadArrayHeader();
        if (count < (withToken ? 6 : 5))
        {
            throw new WireFormatException($"handshake has {count} fields, expected {(withToken ? 6 : 5)}", 0);
        }

        var version = reader.ReadInt32();
        var system = reader.ReadString() ?? "";
        var uid = reader.ReadInt64();
        var addressOffset = reader.Offset;
        var addressText = reader.ReadString() ?? "";
        var role = reader.ReadString() ?? "";
        var token = withToken ? reader.ReadString() ?? "" : "";
        if (!Address.TryParse(addressText, out var address, out var length) || length != addressText.Length)
        {
            throw new WireFormatException($"handshake address [{addressText}] is not {Address.Scheme}://system@host:port", addressOffset);
        }

        return new HandshakeInfo(version, system, uid, address, role, token);
    }

    public static byte[] EncodeRefusal(string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(1);
        writer.Write(reason);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static string DecodeRefusal(byte[] body)
    {
        var reader = new MessagePackReader(body);
        return reader.ReadArrayHeader() >= 1 ? reader.ReadString() ?? "" : "";
    }
}
