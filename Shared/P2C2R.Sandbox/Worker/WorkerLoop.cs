using System.Diagnostics;
using System.Net.NetworkInformation;
using P2C2R.Sandbox.Host;
using P2C2R.Sandbox.Protocol;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Sandbox.Worker;

/// <summary>
/// The worker side: waits for the parent's go (sent once the limits are set), reports the limits
/// it actually runs under, then executes one request at a time. Running out of heap is reported
/// and ends the process, because a runtime that hit its hard limit is not trusted to go on.
/// </summary>
internal static class WorkerLoop
{
    private const int MaxRequestBytes = 64 << 20;
    private const int MemoryLimitExitCode = 3;
    private const int WarmUpFrames = 20;

    public static async Task<int> RunAsync()
    {
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        var go = new byte[4];
        if (await input.ReadAtLeastAsync(go, 4, throwOnEndOfStream: false) < 4)
        {
            return 1;
        }

        await PipeFrames.WriteAsync(output, Ready(), CancellationToken.None);
        while (await PipeFrames.ReadAsync<WorkerRequest>(input, MaxRequestBytes, CancellationToken.None) is { } request)
        {
            WorkerResponse response;
            try
            {
                response = request.Kind == WorkerRequestKind.BenchmarkFrame ? BenchmarkFrame(BitConverter.ToInt32(request.Input)) : Execute(request);
            }
            catch (OutOfMemoryException)
            {
                await PipeFrames.WriteAsync(output, new WorkerResponse(WorkerStatus.MemoryLimit, null, "heap limit exceeded", 0, 0), CancellationToken.None);
                return MemoryLimitExitCode;
            }

            await PipeFrames.WriteAsync(output, response, CancellationToken.None);
        }

        return 0;
    }

    private static WorkerResponse Execute(WorkerRequest request)
    {
        if (!TaskExecutors.TryGet(request.TaskId, out var executor))
        {
            return new WorkerResponse(WorkerStatus.UnknownTask, null, $"task type \"{request.TaskId}\" is not compiled into this worker", 0, 0);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = executor.Execute(request.Input);
            var elapsed = (long)clock.Elapsed.TotalMicroseconds;
            var cpuMicros = (long)(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
            return result.Length > request.MaxOutputBytes
                ? new WorkerResponse(WorkerStatus.OutputTooLarge, null, $"output of {result.Length} bytes exceeds the limit of {request.MaxOutputBytes}", elapsed, cpuMicros)
                : new WorkerResponse(WorkerStatus.Ok, result, null, elapsed, cpuMicros);
        }
        catch (TaskInputException error)
        {
            return new WorkerResponse(WorkerStatus.InvalidInput, null, error.Message, (long)clock.Elapsed.TotalMicroseconds, 0);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new WorkerResponse(WorkerStatus.Error, null, $"{error.GetType().Name}: {error.Message}", (long)clock.Elapsed.TotalMicroseconds, 0);
        }
    }

    private static WorkerResponse BenchmarkFrame(int frames)
    {
        var scene = Scenes.VoxelScene(out var sx, out var sy, out var sz);
        var pipeline = new FramePipeline(Scenes.FrameWidth, Scenes.FrameHeight);
        for (var i = 0; i < WarmUpFrames; i++)
        {
            pipeline.Render(Scenes.Trace(scene, sx, sy, sz, Scenes.Camera(i * 0.01)));
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < frames; i++)
        {
            pipeline.Render(Scenes.Trace(scene, sx, sy, sz, Scenes.Camera(i * 0.01)));
        }

        var perFrame = (long)(clock.Elapsed.TotalMicroseconds / Math.Max(1, frames));
        var cpuPerFrame = (long)((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Math.Max(1, frames));
        return new WorkerResponse(WorkerStatus.Ok, null, null, perFrame, cpuPerFrame);
    }

    private static WorkerReady Ready()
    {
        var heap = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var isolated = Environment.GetEnvironmentVariable("P2C2R_SANDBOX_NETWORK") == "isolated"
            && NetworkInterface.GetAllNetworkInterfaces().All(nic => nic.NetworkInterfaceType == NetworkInterfaceType.Loopback);
        return new WorkerReady(Environment.ProcessId, ResourceLimits.Get(ResourceLimits.AddressSpace), ResourceLimits.Get(ResourceLimits.Cpu),
            ResourceLimits.Get(ResourceLimits.OpenFiles), heap, isolated);
    }
}
