using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Numerics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Tests;

/// <summary>The 15th field of <c>render.raytrace</c>: painted cells written over the blocks before tracing.</summary>
public sealed class SceneOverlayTests
{
    [Fact]
    public void Tracing_with_an_overlay_equals_tracing_the_painted_blocks()
    {
        var plain = GoldenInputs.Raytrace();
        var random = new SplitMix64(3);
        var cells = new SortedDictionary<int, byte>();
        while (cells.Count < 600)
        {
            cells[random.NextInt(plain.Blocks.Length)] = (byte)(1 + random.NextInt(Block.Count - 1));
        }

        var overlay = Overlay(cells);
        var painted = (byte[])plain.Blocks.Clone();
        foreach (var (cell, block) in cells)
        {
            painted[cell] = block;
        }

        var withOverlay = plain with { Overlay = overlay };
        var expected = TaskExecutors.Raytrace.Execute(Payload.Encode(plain with { Blocks = painted }));
        Assert.Equal(expected, TaskExecutors.Raytrace.Execute(Payload.Encode(withOverlay)));
        Assert.Equal(expected, Payload.Encode(TaskExecutors.Raytrace.Run(withOverlay)));
        Assert.NotEqual(expected, TaskExecutors.Raytrace.Execute(Payload.Encode(plain)));
        Assert.Equal(plain.Blocks, GoldenInputs.Raytrace().Blocks);
        Assert.True(TaskExecutors.Raytrace.Verify(Payload.Encode(withOverlay), expected, VerificationOptions.Full).Valid);
        Assert.False(TaskExecutors.Raytrace.Verify(Payload.Encode(plain), expected, VerificationOptions.Full).Valid);
    }

    [Fact]
    public void Thirteen_fourteen_and_fifteen_fields_decode_and_nil_light_stands_for_none()
    {
        var plain = GoldenInputs.Raytrace();
        var light = new byte[plain.Blocks.Length];
        light.AsSpan().Fill(9);
        var overlay = Overlay(new SortedDictionary<int, byte> { [5] = Block.Lava });
        foreach (var input in new[] { plain, plain with { Light = light }, plain with { Overlay = overlay }, plain with { Light = light, Overlay = overlay } })
        {
            var encoded = Payload.Encode(input);
            var decoded = Payload.Decode<RaytraceInput>(encoded);
            Assert.Equal(encoded, Payload.Encode(decoded));
            Assert.Equal(input.Light is null, decoded.Light is null);
            Assert.Equal(input.Overlay is null, decoded.Overlay is null);
        }

        Assert.Equal(15, ArrayLength(Payload.Encode(plain with { Overlay = overlay })));
        Assert.Equal(13, ArrayLength(Payload.Encode(plain)));
    }

    [Theory]
    [InlineData("wrong length", "not a whole number of 5-byte cells")]
    [InlineData("unsorted", "strictly ascending")]
    [InlineData("duplicate", "strictly ascending")]
    [InlineData("out of range", "the scene has 92160 cells")]
    [InlineData("unknown block", "not a known block id")]
    [InlineData("too many", "at most 4096")]
    public void Malformed_overlays_are_refused_with_a_clear_error(string flaw, string message)
    {
        var plain = GoldenInputs.Raytrace();
        var overlay = flaw switch
        {
            "wrong length" => Overlay(new SortedDictionary<int, byte> { [1] = 1 })[..4],
            "unsorted" => [.. Overlay(new SortedDictionary<int, byte> { [9] = 1 }), .. Overlay(new SortedDictionary<int, byte> { [8] = 1 })],
            "duplicate" => [.. Overlay(new SortedDictionary<int, byte> { [9] = 1 }), .. Overlay(new SortedDictionary<int, byte> { [9] = 2 })],
            "out of range" => Overlay(new SortedDictionary<int, byte> { [plain.Blocks.Length] = 1 }),
            "unknown block" => Overlay(new SortedDictionary<int, byte> { [3] = Block.Count }),
            _ => Overlay(new SortedDictionary<int, byte>(Enumerable.Range(0, SceneOverlay.MaxCells + 1).ToDictionary(i => i, _ => Block.Stone))),
        };
        var encoded = Payload.Encode(plain with { Overlay = overlay });
        var error = Assert.Throws<TaskInputException>(() => TaskExecutors.Raytrace.Execute(encoded));
        Assert.Contains(message, error.Message);
        Assert.Contains("overlay", error.Message);
        Assert.Throws<TaskInputException>(() => TaskExecutors.Raytrace.Run(plain with { Overlay = overlay }));
    }

    private static byte[] Overlay(SortedDictionary<int, byte> cells)
    {
        var overlay = new byte[cells.Count * SceneOverlay.CellBytes];
        var k = 0;
        foreach (var (cell, block) in cells)
        {
            SceneOverlay.WriteCell(overlay.AsSpan(k++ * SceneOverlay.CellBytes), cell, block);
        }

        return overlay;
    }

    private static int ArrayLength(byte[] encoded)
    {
        var reader = new MessagePack.MessagePackReader(encoded);
        return reader.ReadArrayHeader();
    }
}
