using P2C2R.Tasks.Golden;

namespace P2C2R.Tasks.Tests;

public sealed class InputValidationTests
{
    [Theory]
    [InlineData("render.raytrace")]
    [InlineData("physics.rigid")]
    [InlineData("world.lighting")]
    public void Garbage_trailing_bytes_and_truncation_are_refused_with_a_clear_error(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);

        Assert.Contains("follow", Assert.Throws<TaskInputException>(() => executor.Execute(input.Append((byte)0xC0).ToArray())).Message);
        Assert.Contains("malformed", Assert.Throws<TaskInputException>(() => executor.Execute(input[..^5])).Message);
        Assert.Throws<TaskInputException>(() => executor.Execute(new byte[] { 0x93, 0x01, 0x02, 0x03 }));
    }

    [Fact]
    public void Out_of_range_fields_name_the_field_and_the_limit()
    {
        var terrain = Scenes.Terrain() with { Height = 1000 };
        var error = Assert.Throws<TaskInputException>(() => TaskExecutors.Terrain.Execute(Payload.Encode(terrain)));
        Assert.Equal("height is 1000; it must be in [16, 256]", error.Message);

        var trace = GoldenInputs.Raytrace() with { TileWidth = 500 };
        Assert.Contains("tileWidth", Assert.Throws<TaskInputException>(() => TaskExecutors.Raytrace.EstimateCost(Payload.Encode(trace))).Message);

        var dialogue = new Ai.DialogueInput("dragon", "calm", "hi", 1, 10);
        Assert.Contains("persona \"dragon\" is unknown", Assert.Throws<TaskInputException>(() => TaskExecutors.Dialogue.Execute(Payload.Encode(dialogue))).Message);

        var deflate = new Codec.DeltaDeflateInput(new byte[3], new byte[4], 1);
        Assert.Contains("previous frame has 3 bytes", Assert.Throws<TaskInputException>(() => TaskExecutors.Deflate.Execute(Payload.Encode(deflate))).Message);
    }

    [Fact]
    public void Inputs_over_the_size_limit_are_refused_before_decoding()
    {
        var huge = new byte[TaskExecutors.Dialogue.Type.MaxInputBytes + 1];
        Assert.Contains("limit", Assert.Throws<TaskInputException>(() => TaskExecutors.Dialogue.Execute(huge)).Message);
    }
}
