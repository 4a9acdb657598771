using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using MessagePack;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Framing;

/// <summary>
/// MessagePack bodies of edge frames. Bytes come from strangers, so decoding uses
/// <see cref="MessagePackSecurity.UntrustedData"/> (hash-collision-resistant maps, a depth limit),
/// demands exactly one array value and turns every failure into an
/// <see cref="EdgeProtocolException"/>. Encoders and decoders are bound per code once, so the
/// framing path does not look types up by reflection or allocate beyond the message itself.
/// </summary>
public static class EdgeCodec
{
    private delegate IEdgeMessage? Decoder(ref MessagePackReader reader);

    private delegate void Encoder(ref MessagePackWriter writer, IEdgeMessage message);

    /// <summary>Scratch bodies larger than this are not kept for the next message on the thread.</summary>
    private const int KeptScratchBytes = 256 * 1024;

    /// <summary>Options for every edge body: the standard resolver, hardened for untrusted data.</summary>
    public static MessagePackSerializerOptions Options { get; } =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    private static readonly Decoder?[] Decoders = BuildDecoders();

    private static readonly FrozenDictionary<Type, (ushort Code, Encoder Encode)> Encoders = BuildEncoders();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>Decodes the body of a frame of <paramref name="code"/>.</summary>
    /// <exception cref="EdgeProtocolException">Unknown code, not one array, trailing bytes, or fields that do not decode.</exception>
    public static IEdgeMessage Decode(ushort code, ReadOnlySequence<byte> body)
    {
        var decoder = code < Decoders.Length ? Decoders[code] : null;
        if (decoder is null)
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"unknown message code {code}");
        }

        var reader = new MessagePackReader(body);
        IEdgeMessage? message;
        try
        {
            if (reader.End || reader.NextMessagePackType != MessagePackType.Array)
            {
                throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"the body of code {code} is not a MessagePack array");
            }

            message = decoder(ref reader);
        }
        catch (MessagePackSerializationException e)
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"the body of code {code} does not decode: {Innermost(e).Message}");
        }

        if (message is null)
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"the body of code {code} is nil");
        }

        if (!reader.End)
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"the body of code {code} has {reader.Sequence.Length - reader.Consumed} bytes after its value");
        }

        return message;
    }

    /// <summary>The body of <paramref name="message"/> alone, as a new array (tests, golden bytes, other transports).</summary>
    public static byte[] Encode(IEdgeMessage message, out ushort code)
    {
        var bytes = EncodeToScratch(message, out code).ToArray();
        ReleaseScratch();
        return bytes;
    }

    /// <summary>The frame code of a message type in <see cref="EdgeMessageTable"/>.</summary>
    public static ushort CodeOf(IEdgeMessage message) => Lookup(message).Code;

    /// <summary>Encodes into this thread's scratch buffer; the span is valid until <see cref="ReleaseScratch"/>.</summary>
    internal static ReadOnlySpan<byte> EncodeToScratch(IEdgeMessage message, out ushort code)
    {
        var (frameCode, encode) = Lookup(message);
        var buffer = scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        encode(ref writer, message);
        writer.Flush();
        code = frameCode;
        return buffer.WrittenSpan;
    }

    internal static void ReleaseScratch()
    {
        if (scratch is { } buffer && buffer.Capacity > KeptScratchBytes)
        {
            scratch = null;
        }
    }

    private static (ushort Code, Encoder Encode) Lookup(IEdgeMessage message) =>
        Encoders.TryGetValue(message.GetType(), out var entry)
            ? entry
            : throw new ArgumentException($"{message.GetType()} is not an edge message of EdgeMessageTable", nameof(message));

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    private static Decoder?[] BuildDecoders()
    {
        var decoders = new Decoder?[EdgeMessageTable.All.Max(t => t.Code) + 1];
        var read = typeof(EdgeCodec).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in EdgeMessageTable.All)
        {
            decoders[type.Code] = read.MakeGenericMethod(type.Type).CreateDelegate<Decoder>();
        }

        return decoders;
    }

    private static FrozenDictionary<Type, (ushort, Encoder)> BuildEncoders()
    {
        var write = typeof(EdgeCodec).GetMethod(nameof(WriteBody), BindingFlags.NonPublic | BindingFlags.Static)!;
        return EdgeMessageTable.All.ToFrozenDictionary(
            t => t.Type,
            t => (t.Code, write.MakeGenericMethod(t.Type).CreateDelegate<Encoder>()));
    }

    private static IEdgeMessage? Read<T>(ref MessagePackReader reader)
        where T : IEdgeMessage =>
        MessagePackSerializer.Deserialize<T>(ref reader, Options);

    private static void WriteBody<T>(ref MessagePackWriter writer, IEdgeMessage message)
        where T : IEdgeMessage =>
        MessagePackSerializer.Serialize(ref writer, (T)message, Options);
}
