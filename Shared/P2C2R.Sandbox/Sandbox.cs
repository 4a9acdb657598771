using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2C2R.Sandbox.Host;
using P2C2R.Sandbox.Protocol;
using P2C2R.Tasks;

namespace P2C2R.Sandbox;

/// <summary>
/// Runs tasks in a pool of worker processes under OS limits (see <see cref="SandboxOptions"/>).
/// A task that breaks a limit takes only its worker down: the task is reported failed with the
/// reason, a replacement starts at once in the background, and the next task uses it. Task ids
/// are checked against the executors compiled in before anything is sent to a worker.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    private readonly SandboxOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _free;
    private readonly ConcurrentStack<Task<WorkerProcess>> _idle = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _restarts;

    private Sandbox(SandboxOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _free = new SemaphoreSlim(options.Workers, options.Workers);
    }

    public SandboxOptions Options => _options;

    /// <summary>The limits each idle worker reported when it started, as it reads them itself.</summary>
    public IReadOnlyList<WorkerLimits> WorkerLimits =>
        [.. _idle.Where(worker => worker.IsCompletedSuccessfully).Select(worker => worker.Result.Ready).Select(ready =>
            new WorkerLimits(ready.ProcessId, ready.AddressSpace, ready.CpuSeconds, ready.OpenFiles, ready.HeapLimit, ready.NetworkIsolated))];

    /// <summary>Workers replaced after breaking a limit or dying.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Starts the pool and waits until every worker reported ready with its limits in place.</summary>
    public static async Task<Sandbox> StartAsync(SandboxOptions options, ILogger? logger = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        var sandbox = new Sandbox(options, logger ?? NullLogger.Instance);
        var workers = Enumerable.Range(0, options.Workers).Select(_ => WorkerProcess.StartAsync(options, sandbox._logger, cancellation)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch
        {
            foreach (var worker in workers.Where(w => w.IsCompletedSuccessfully))
            {
                await worker.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        foreach (var worker in workers)
        {
            sandbox._idle.Push(worker);
        }

        return sandbox;
    }

    /// <summary>Runs one task; never throws for anything the task or its worker does.</summary>
    public async Task<TaskOutcome> ExecuteAsync(string taskId, ReadOnlyMemory<byte> input, TimeSpan? deadline = null, CancellationToken cancellation = default)
    {
        if (!TaskExecutors.TryGet(taskId, out var executor))
        {
            return Refused($"task type \"{taskId}\" is not compiled into this helper");
        }

        var maxInput = Math.Min(_options.MaxInputBytes, executor.Type.MaxInputBytes);
        if (input.Length > maxInput)
        {
            return Refused($"input of {input.Length} bytes exceeds the limit of {maxInput}");
        }

        var maxOutput = Math.Min(_options.MaxOutputBytes, executor.Type.MaxOutputBytes);
        return await RunAsync(new WorkerRequest(WorkerRequestKind.Execute, taskId, input.ToArray(), maxOutput), deadline ?? _options.DefaultDeadline, cancellation).ConfigureAwait(false);
    }

    /// <summary>Average time of a whole frame (trace, upscale, delta-deflate) over <paramref name="frames"/> frames in a worker.</summary>
    public async Task<TaskOutcome> BenchmarkFrameAsync(int frames, TimeSpan deadline, CancellationToken cancellation = default) =>
        await RunAsync(new WorkerRequest(WorkerRequestKind.BenchmarkFrame, "", BitConverter.GetBytes(frames), 0), deadline, cancellation).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        while (_idle.TryPop(out var worker))
        {
            try
            {
                await (await worker.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or InvalidOperationException or IOException)
            {
                _logger.LogDebug("A sandbox worker that was still starting is abandoned: {Reason}", error.Message);
            }
        }

        _stopping.Dispose();
        _free.Dispose();
    }

    private async Task<TaskOutcome> RunAsync(WorkerRequest request, TimeSpan deadline, CancellationToken cancellation)
    {
        await _free.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (!_idle.TryPop(out var pending))
            {
                pending = Replacement();
            }

            WorkerProcess worker;
            try
            {
                worker = await pending.ConfigureAwait(false);
            }
            catch (Exception error) when (error is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or FileNotFoundException)
            {
                _idle.Push(Replacement());
                return new TaskOutcome(TaskOutcomeKind.Failed, null, "no sandbox worker could start: " + error.Message, TimeSpan.Zero, TimeSpan.Zero);
            }

            var outcome = await worker.RunAsync(request, deadline, cancellation).ConfigureAwait(false);
            if (worker.IsAlive)
            {
                _idle.Push(Task.FromResult(worker));
            }
            else
            {
                await worker.DisposeAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _restarts);
                _idle.Push(Replacement());
            }

            return outcome;
        }
        finally
        {
            _free.Release();
        }
    }

    private Task<WorkerProcess> Replacement() => WorkerProcess.StartAsync(_options, _logger, _stopping.Token);

    private static TaskOutcome Refused(string reason) => new(TaskOutcomeKind.InvalidInput, null, reason, TimeSpan.Zero, TimeSpan.Zero);
}
