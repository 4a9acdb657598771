using MessagePack;
using P2C2R.Edge.Blobs;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Tests;

/// <summary>Finding a document's large bins, splicing blobs into a task's input, and refusing malformed splices.</summary>
public sealed class BlobSplicingTests
{
    [Fact]
    public void Large_bins_are_found_at_any_depth_with_their_headers_and_small_ones_are_left_inline()
    {
        var big = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var document = Encode((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(4);
            writer.Write(7);
            writer.Write(new byte[100]);
            writer.WriteArrayHeader(2);
            writer.Write(big);
            writer.Write("text");
            writer.WriteMapHeader(1);
            writer.Write("k");
            writer.Write(big);
        });

        var segments = new List<(int Offset, int Length)>();
        BlobSegments.Find(document, segments);

        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.Equal(3000 + 3, s.Length));
        Assert.All(segments, s => Assert.Equal(big, MessagePackSerializer.Deserialize<byte[]>(document.AsMemory(s.Offset, s.Length))));
    }

    [Fact]
    public void Splicing_the_segments_back_gives_the_document_byte_for_byte()
    {
        var document = Encode((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(3);
            writer.Write(new byte[2000]);
            writer.Write(5);
            writer.Write(Enumerable.Repeat((byte)9, 5000).ToArray());
        });
        var segments = new List<(int Offset, int Length)>();
        BlobSegments.Find(document, segments);
        var cache = new BlobCache(1 << 20);
        var inline = new List<byte>();
        var splices = new List<BlobSplice>();
        var taken = 0;
        foreach (var (offset, length) in segments)
        {
            inline.AddRange(document[taken..offset]);
            var blob = document[offset..(offset + length)];
            cache.Put(BlobDigest.Of(blob), blob);
            splices.Add(new BlobSplice(inline.Count, BlobDigest.Of(blob)));
            taken = offset + length;
        }

        inline.AddRange(document[taken..]);
        var task = new AssignTask(1, "t", [.. inline], 100, [.. splices]);

        Assert.Null(BlobSplicing.Check(task));
        Assert.Empty(BlobSplicing.Missing(task, cache));
        Assert.Equal(document, BlobSplicing.Assemble(task, cache, 1 << 20, out var error));
        Assert.Null(error);
        Assert.Null(BlobSplicing.Assemble(task, cache, document.Length - 1, out error));
        Assert.Contains("exceeds the limit", error);
        Assert.Equal(2, BlobSplicing.Missing(task, new BlobCache(1 << 20)).Count);
    }

    [Theory]
    [InlineData(new[] { 0 }, 31, "32 bytes")]
    [InlineData(new[] { 3, 1 }, 32, "out of order")]
    [InlineData(new[] { 11 }, 32, "beyond the 10 inline bytes")]
    [InlineData(new[] { -1 }, 32, "out of order")]
    public void Malformed_splices_are_refused_with_the_reason(int[] offsets, int digestBytes, string reason)
    {
        var task = new AssignTask(1, "t", new byte[10], 100, [.. offsets.Select(o => new BlobSplice(o, new byte[digestBytes]))]);

        Assert.Contains(reason, BlobSplicing.Check(task));
    }

    [Fact]
    public void More_than_the_splice_limit_is_refused()
    {
        var task = new AssignTask(1, "t", new byte[10], 100, [.. Enumerable.Range(0, BlobSplicing.MaxSplices + 1).Select(_ => new BlobSplice(0, new byte[32]))]);

        Assert.Contains("at most", BlobSplicing.Check(task));
    }

    private delegate void Writing(ref MessagePackWriter writer);

    private static byte[] Encode(Writing write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
