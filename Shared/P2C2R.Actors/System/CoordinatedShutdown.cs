using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>
/// Ordered shutdown in named phases: a node stops accepting work, finishes or hands back what is
/// in flight, and only then stops its actors (children before parents). Each phase has a timeout
/// from <c>p2c2r.coordinated-shutdown</c>; a phase that overruns is logged and shutdown goes on.
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    public static readonly IReadOnlyList<string> Phases =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone,
        PhaseServiceStop, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    private readonly ActorSystem _system;
    private readonly ILogger _log;
    private readonly Dictionary<string, List<(string Name, Func<CancellationToken, Task> Run)>> _tasks = [];
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system, ILogger log)
    {
        _system = system;
        _log = log;
    }

    /// <summary>Why shutdown started; null while running normally.</summary>
    public string? Reason { get; private set; }

    public void AddTask(string phase, string name, Func<CancellationToken, Task> task)
    {
        if (!Phases.Contains(phase))
        {
            throw new ArgumentException($"unknown shutdown phase '{phase}'; phases are {string.Join(", ", Phases)}", nameof(phase));
        }

        lock (_tasks)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException("shutdown has already started");
            }

            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((name, task));
        }
    }

    /// <summary>Starts shutdown once; later calls return the same task.</summary>
    public Task Run(string reason)
    {
        lock (_tasks)
        {
            if (_run is null)
            {
                Reason = reason;
                _run = Task.Run(RunPhases);
            }

            return _run;
        }
    }

    public TimeSpan PhaseTimeout(string phase)
    {
        var config = _system.Settings.Config.GetConfig("p2c2r.coordinated-shutdown");
        return config.GetDuration($"phases.{phase}.timeout", config.GetDuration("default-phase-timeout"));
    }

    private async Task RunPhases()
    {
        _log.LogInformation("Coordinated shutdown of {System}: {Reason}", _system.Name, Reason);
        foreach (var phase in Phases)
        {
            List<(string Name, Func<CancellationToken, Task> Run)> tasks;
            lock (_tasks)
            {
                tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
            }

            if (tasks.Count == 0)
            {
                continue;
            }

            var timeout = PhaseTimeout(phase);
            using var cancellation = new CancellationTokenSource();
            try
            {
                await Task.WhenAll(tasks.Select(t => RunTask(phase, t.Name, t.Run, cancellation.Token))).WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _log.LogWarning("Shutdown phase {Phase} did not finish within {Timeout}; continuing", phase, timeout);
                await cancellation.CancelAsync().ConfigureAwait(false);
            }
        }

        _system.CompleteTermination();
    }

    private async Task RunTask(string phase, string name, Func<CancellationToken, Task> run, CancellationToken cancellation)
    {
        try
        {
            await run(cancellation).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _log.LogWarning(exception, "Shutdown task {Task} of phase {Phase} failed", name, phase);
        }
    }
}
