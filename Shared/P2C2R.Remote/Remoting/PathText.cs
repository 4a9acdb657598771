using System.Buffers;
using System.Text;
using P2C2R.MessagePack;

namespace P2C2R.Remote;

/// <summary>Strict UTF-8 decoding of actor paths read from the wire, onto the stack when they are short.</summary>
internal static class PathText
{
    /// <summary>Paths up to this many bytes decode into a stack buffer of as many chars.</summary>
    public const int StackLimit = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int DecodeInto(ReadOnlySequence<byte> utf8, Span<char> destination, long offset)
    {
        try
        {
            return utf8.IsSingleSegment ? StrictUtf8.GetChars(utf8.FirstSpan, destination) : StrictUtf8.GetChars(utf8.ToArray(), destination);
        }
        catch (DecoderFallbackException)
        {
            throw new WireFormatException("actor path is not valid UTF-8", offset);
        }
    }

    public static string Decode(ReadOnlySequence<byte> utf8, long offset)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new WireFormatException("actor path is not valid UTF-8", offset);
        }
    }
}
