using System.Buffers;
using MessagePack;

namespace P2C2R.Tasks.Tests.Wire;

/// <summary>Bytes written by a MessagePack-CSharp writer, for tests that build payloads by hand.</summary>
internal static class Encoded
{
    public delegate void Write(ref MessagePackWriter writer);

    public static byte[] With(Write write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static string Hex(Write write) => Convert.ToHexStringLower(With(write));
}
