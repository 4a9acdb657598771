using System.Diagnostics;
using Microsoft.Extensions.Logging;
using P2C2R.Sandbox.Protocol;

namespace P2C2R.Sandbox.Host;

/// <summary>
/// One worker process and the conversation with it. Limits are applied before the worker is
/// told to start, and the worker's own report of them is checked. Any broken limit ends with
/// the process dead: a deadline by a kill from here, CPU time by the kernel, the heap by the
/// worker exiting after reporting it; <see cref="IsAlive"/> then tells the pool to replace it.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    public const int MaxResponseBytes = 64 << 20;
    private const int MemoryLimitExitCode = 3;
    private static readonly byte[] Go = "P2C2"u8.ToArray();

    private readonly Process _process;
    private readonly SandboxOptions _options;
    private readonly ILogger _logger;
    private readonly StderrTail _stderr;
    private bool _broken;

    private WorkerProcess(Process process, SandboxOptions options, ILogger logger, StderrTail stderr, WorkerReady ready)
    {
        _process = process;
        _options = options;
        _logger = logger;
        _stderr = stderr;
        Ready = ready;
    }

    public WorkerReady Ready { get; }

    public bool IsAlive => !_broken && !_process.HasExited;

    public static async Task<WorkerProcess> StartAsync(SandboxOptions options, ILogger logger, CancellationToken cancellation)
    {
        var process = Process.Start(WorkerLauncher.StartInfo(options)) ?? throw new InvalidOperationException("the sandbox worker did not start");
        var stderr = new StderrTail();
        process.ErrorDataReceived += (_, line) => stderr.Add(line.Data);
        process.BeginErrorReadLine();
        try
        {
            if (ResourceLimits.Supported)
            {
                ResourceLimits.Set(process.Id, ResourceLimits.AddressSpace, (ulong)options.AddressSpaceLimitBytes, (ulong)options.AddressSpaceLimitBytes);
                ResourceLimits.Set(process.Id, ResourceLimits.Cpu, (ulong)options.CpuSecondsLimit, (ulong)options.CpuSecondsLimit + 1);
                ResourceLimits.Set(process.Id, ResourceLimits.OpenFiles, (ulong)options.OpenFilesLimit, (ulong)options.OpenFilesLimit);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(options.StartTimeout);
            await process.StandardInput.BaseStream.WriteAsync(Go, timeout.Token).ConfigureAwait(false);
            await process.StandardInput.BaseStream.FlushAsync(timeout.Token).ConfigureAwait(false);
            var ready = await PipeFrames.ReadAsync<WorkerReady>(process.StandardOutput.BaseStream, 4096, timeout.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the sandbox worker exited before it was ready: " + stderr.LastLine());
            CheckLimits(options, ready);
            logger.LogDebug("Sandbox worker {Pid} ready: heap {Heap} MB, address space {As} MB, CPU {Cpu} s, files {Files}, network {Network}",
                ready.ProcessId, ready.HeapLimit >> 20, ready.AddressSpace >> 20, ready.CpuSeconds, ready.OpenFiles, ready.NetworkIsolated ? "isolated" : "shared");
            return new WorkerProcess(process, options, logger, stderr, ready);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async Task<TaskOutcome> RunAsync(WorkerRequest request, TimeSpan deadline, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(deadline);
        WorkerResponse? response;
        try
        {
            await PipeFrames.WriteAsync(_process.StandardInput.BaseStream, request, timer.Token).ConfigureAwait(false);
            response = await PipeFrames.ReadAsync<WorkerResponse>(_process.StandardOutput.BaseStream, MaxResponseBytes, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            Kill(_process);
            Break();
            return Failed($"exceeded its deadline of {deadline.TotalMilliseconds:0} ms; the worker was killed", clock);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or Tasks.TaskInputException or ObjectDisposedException)
        {
            Break();
            return Failed(await DeathReasonAsync().ConfigureAwait(false), clock);
        }

        if (response is null)
        {
            Break();
            return Failed(await DeathReasonAsync().ConfigureAwait(false), clock);
        }

        var elapsed = TimeSpan.FromMicroseconds(response.ElapsedMicros);
        var cpu = TimeSpan.FromMicroseconds(response.CpuMicros);
        switch (response.Status)
        {
            case WorkerStatus.Ok:
                return new TaskOutcome(TaskOutcomeKind.Succeeded, response.Output, null, elapsed, cpu);
            case WorkerStatus.InvalidInput or WorkerStatus.UnknownTask:
                return new TaskOutcome(TaskOutcomeKind.InvalidInput, null, response.Reason, elapsed, cpu);
            case WorkerStatus.MemoryLimit:
                Break();
                return new TaskOutcome(TaskOutcomeKind.Failed, null, $"exceeded the heap limit of {_options.HeapLimitBytes >> 20} MB; the worker was restarted", elapsed, cpu);
            default:
                return new TaskOutcome(TaskOutcomeKind.Failed, null, response.Reason, elapsed, cpu);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void CheckLimits(SandboxOptions options, WorkerReady ready)
    {
        if (ResourceLimits.Supported && (ready.AddressSpace != options.AddressSpaceLimitBytes || ready.CpuSeconds != options.CpuSecondsLimit || ready.OpenFiles != options.OpenFilesLimit))
        {
            throw new InvalidOperationException($"the sandbox worker runs with address space {ready.AddressSpace}, CPU {ready.CpuSeconds} s, files {ready.OpenFiles}; the limits were not applied");
        }
    }

    private async Task<string> DeathReasonAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(_process);
            return "the worker stopped answering; it was killed";
        }

        var code = _process.ExitCode;
        var reason = code switch
        {
            MemoryLimitExitCode => $"exceeded the heap limit of {_options.HeapLimitBytes >> 20} MB",
            128 + 24 => $"exceeded the CPU time limit of {_options.CpuSecondsLimit} s (SIGXCPU)",
            128 + 9 => "was killed (SIGKILL: past its hard CPU limit of " + (_options.CpuSecondsLimit + 1) + " s, or by the OS)",
            128 + 11 => "crashed (SIGSEGV)",
            128 + 6 when _stderr.Contains("OutOfMemory") || _stderr.Contains("out of memory") => $"ran out of memory (heap limit {_options.HeapLimitBytes >> 20} MB, address space {_options.AddressSpaceLimitBytes >> 20} MB)",
            128 + 6 => "aborted (SIGABRT): " + _stderr.LastLine(),
            _ => $"exited with code {code}: {_stderr.LastLine()}",
        };
        _logger.LogWarning("Sandbox worker {Pid} {Reason}", Ready.ProcessId, reason);
        return "the worker " + reason + "; it was restarted";
    }

    private void Break() => _broken = true;

    private static TaskOutcome Failed(string reason, Stopwatch clock) => new(TaskOutcomeKind.Failed, null, reason, clock.Elapsed, TimeSpan.Zero);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to kill.
        }
    }
}
