using System.Buffers;
using MessagePack;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;

namespace P2C2R.Tasks.Tests;

public sealed class RunLengthTests
{
    [Fact]
    public void Scenes_round_trip_and_shrink_at_least_fourfold()
    {
        var scene = Scenes.VoxelScene(out _, out _, out _);
        var encoded = Encode(scene);

        Assert.Equal(scene, Decode(encoded, scene.Length));
        Assert.True(encoded.Length * 4 < scene.Length, $"{scene.Length} blocks coded in {encoded.Length} bytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(511)]
    [InlineData(100_000)]
    public void Runs_at_and_around_the_255_limit_round_trip(int length)
    {
        var blocks = new byte[length];
        for (var i = 0; i < length; i++)
        {
            blocks[i] = (byte)(i / 300 % 3);
        }

        Assert.Equal(blocks, Decode(Encode(blocks), length));
    }

    /// <summary>Grids remembered per thread never leak into each other: alternating, changed in place, more of them than the memo holds.</summary>
    [Fact]
    public void Remembered_grids_code_each_grid_as_it_is_now()
    {
        var grids = Enumerable.Range(0, 6).Select(g => Enumerable.Range(0, 4000).Select(i => (byte)((i / (50 + g)) % 4)).ToArray()).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var grid in grids.Concat(grids.Take(2)).Concat(grids.Take(2)))
            {
                Assert.Equal(grid, Decode(Encode(grid), grid.Length));
            }

            grids[round][round * 7] ^= 1;
        }
    }

    /// <summary>A grid decoded again comes from the thread's memory: a copy of its own, and only for the same runs and length.</summary>
    [Fact]
    public void Grids_decoded_again_are_copies_checked_like_the_first()
    {
        var scene = Scenes.VoxelScene(out _, out _, out _);
        var encoded = Encode(scene);
        var first = Decode(encoded, scene.Length);
        first.AsSpan().Fill(7);

        Assert.Equal(scene, Decode(encoded, scene.Length));
        var error = Assert.Throws<TaskInputException>(() => Decode(encoded, scene.Length + 1));
        Assert.Contains($"expected {scene.Length + 1}", error.Message, StringComparison.Ordinal);
        Assert.Equal(scene, Decode(encoded, scene.Length));
    }

    [Theory]
    [InlineData(new byte[] { 255, 1, 255, 1 }, 300, "expands past 300 blocks")]
    [InlineData(new byte[] { 10, 1 }, 11, "expands to 10 blocks; expected 11")]
    [InlineData(new byte[] { 0, 1, 11, 1 }, 11, "a run of length 0")]
    [InlineData(new byte[] { 11, 1, 3 }, 11, "an even number")]
    public void Hostile_runs_are_refused_before_they_expand(byte[] runs, int length, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.Write(runs);
        writer.Flush();

        var error = Assert.Throws<TaskInputException>(() => Decode(buffer.WrittenMemory.ToArray(), length));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Encode(byte[] blocks)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        RunLength.Write(ref writer, blocks);
        writer.Flush();
        return buffer.WrittenMemory.ToArray();
    }

    private static byte[] Decode(byte[] encoded, int length)
    {
        var reader = new MessagePackReader(encoded);
        return RunLength.Read(ref reader, "blocks", length);
    }
}
