using MessagePack;

namespace P2C2R.Edge.Blobs;

/// <summary>
/// Finds the large <c>bin</c> values of a MessagePack document: the parts of a task input worth
/// sending once and then naming by digest, and the parts of a helper's output it keeps because
/// the next task will name them (docs/PROTOCOL.md §7). A segment is a whole bin value, header
/// included, so splicing it back is plain concatenation and the same bytes name the same blob
/// wherever they occur (a band's output and the upscale input that carries it as a strip).
/// </summary>
public static class BlobSegments
{
    /// <summary>Bin values of at least this many bytes (header included) travel as blobs.</summary>
    public const int MinBytes = 1024;

    /// <summary>
    /// Appends to <paramref name="segments"/> the offset and length of every bin value of at least
    /// <paramref name="minBytes"/> in <paramref name="document"/>, in order. The document is the
    /// caller's own encoding (a task input it built, an output it computed); a malformed one
    /// throws a MessagePack serialization exception.
    /// </summary>
    public static void Find(ReadOnlyMemory<byte> document, List<(int Offset, int Length)> segments, int minBytes = MinBytes)
    {
        var reader = new MessagePackReader(document);
        long values = 1;
        while (values > 0 && !reader.End)
        {
            values--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    values += reader.ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    values += 2L * reader.ReadMapHeader();
                    break;
                case MessagePackType.Binary:
                    var start = (int)reader.Consumed;
                    reader.Skip();
                    var length = (int)reader.Consumed - start;
                    if (length >= minBytes)
                    {
                        segments.Add((start, length));
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
}
