using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Tasks.Tests;

/// <summary>
/// Executors borrow their decoded arrays for the length of a call: a reused scene array must
/// never leak one task's data into the next, and a payload decoded outside a call owns its arrays.
/// </summary>
public class DecodeArenaTests
{
    [Fact]
    public void Reused_decode_buffers_never_carry_one_task_into_the_next()
    {
        var golden = GoldenInputs.Raytrace();
        var dug = golden with { Blocks = [.. golden.Blocks.Select((b, i) => i % 7 == 0 ? (byte)0 : b)] };
        var goldenBytes = Payload.Encode(golden);
        var dugBytes = Payload.Encode(dug);
        var expectedGolden = TaskExecutors.Raytrace.Execute(goldenBytes);
        var expectedDug = Payload.Encode(TaskExecutors.Raytrace.Run(dug));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expectedDug, TaskExecutors.Raytrace.Execute(dugBytes));
            Assert.Equal(expectedGolden, TaskExecutors.Raytrace.Execute(goldenBytes));
        }

        Assert.NotEqual(expectedGolden, expectedDug);
    }

    [Fact]
    public void A_second_execution_allocates_less_than_its_scene()
    {
        var input = GoldenInputs.For("render.raytrace");
        var scene = GoldenInputs.Raytrace().Blocks.Length;
        TaskExecutors.Raytrace.Execute(input);

        var before = GC.GetAllocatedBytesForCurrentThread();
        TaskExecutors.Raytrace.Execute(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < scene, $"{allocated} bytes allocated; the scene alone is {scene}");
    }

    [Fact]
    public void A_payload_decoded_outside_an_executor_call_owns_its_arrays()
    {
        var bytes = Payload.Encode(GoldenInputs.Raytrace());

        var first = Payload.Decode<RaytraceInput>(bytes);
        TaskExecutors.Raytrace.Execute(bytes);
        var second = Payload.Decode<RaytraceInput>(bytes);

        Assert.NotSame(first.Blocks, second.Blocks);
        Assert.Equal(GoldenInputs.Raytrace().Blocks, first.Blocks);
    }
}
