using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2C2R.Hocon;

namespace P2C2R.Actors;

/// <summary>
/// A hierarchy of actors with its guardians (<c>/user</c> for application actors,
/// <c>/system</c> for the runtime's own), scheduler, event stream and dead letters. Settings come
/// from HOCON over the defaults embedded in this assembly (<see cref="DefaultConfig"/>).
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly TaskCompletionSource _userGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _systemGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorPath _tempPath;
    private readonly ConcurrentDictionary<string, PromiseActorRef> _exposedTemps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private long _nextUid;
    private long _nextTemp;

    private ActorSystem(string name, Config config, ILoggerFactory loggerFactory)
    {
        Name = name;
        Uid = Random.Shared.NextInt64(1, long.MaxValue);
        _nextUid = Random.Shared.Next(1, int.MaxValue);
        Settings = new ActorSystemSettings(config);
        LoggerFactory = loggerFactory;
        RuntimeLog = loggerFactory.CreateLogger("P2C2R.Actors.ActorSystem");
        SupervisionLog = loggerFactory.CreateLogger("P2C2R.Actors.Supervision");
        Scheduler = new Scheduler();
        EventStream = new EventStream();
        DeadLetterOffice = new DeadLetterOffice(this, loggerFactory.CreateLogger("P2C2R.Actors.DeadLetters"));
        var root = ActorPath.Root($"p2c2r://{name}");
        _tempPath = root.Child("temp");
        DeadLetters = new DeadLettersRef(this, root.Child("deadLetters"));
        var rootGuardian = new RootGuardianRef(this, root);
        _userGuardian = new ActorCell(this, root.Child("user"), Props.Create(() => new GuardianActor(Settings.GuardianStrategy)), rootGuardian);
        _systemGuardian = new ActorCell(this, root.Child("system"), Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), rootGuardian);
        _userGuardian.Start();
        _systemGuardian.Start();
        CoordinatedShutdown = new CoordinatedShutdown(this, loggerFactory.CreateLogger("P2C2R.Actors.CoordinatedShutdown"));
        CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "stop-actors", StopGuardiansAsync);
    }

    /// <summary>The runtime's defaults (<c>reference.conf</c> embedded in this assembly).</summary>
    public static Config DefaultConfig { get; } = new ConfigBuilder()
        .AddEmbeddedResource(typeof(ActorSystem).Assembly, "reference.conf")
        .Build();

    public string Name { get; }

    /// <summary>Identifies this incarnation of the system; a restarted process gets a new one.</summary>
    public long Uid { get; }

    public ActorSystemSettings Settings { get; }
    public ILoggerFactory LoggerFactory { get; }
    public Scheduler Scheduler { get; }
    public EventStream EventStream { get; }
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Messages sent here are counted, logged and published as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    public long DeadLetterCount => DeadLetterOffice.Count;

    public bool IsTerminating => CoordinatedShutdown.Reason is not null;

    public Task WhenTerminated => _terminated.Task;

    internal DeadLetterOffice DeadLetterOffice { get; }
    internal ILogger RuntimeLog { get; }
    internal ILogger SupervisionLog { get; }

    /// <summary>Creates a system; <paramref name="config"/> overrides, the embedded defaults fill in the rest.</summary>
    public static ActorSystem Create(string name, Config? config = null, ILoggerFactory? loggerFactory = null)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"invalid actor system name [{name}]: use ASCII letters, digits, '-' and '_'", nameof(name));
        }

        return new ActorSystem(name, (config ?? Config.Empty).WithFallback(DefaultConfig), loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates a runtime actor under <c>/system</c>.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public void Stop(IActorRef actor)
    {
        if (actor is LocalActorRef local && local.Cell.ParentRef is LocalActorRef parent)
        {
            parent.Cell.Stop(actor);
        }
        else if (actor is ActorRefBase other)
        {
            other.SendSystemMessage(StopActor.Instance);
        }
    }

    /// <summary>Runs coordinated shutdown; completes when every actor has stopped.</summary>
    public Task Terminate() => CoordinatedShutdown.Run("actor system terminate requested");

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <summary>
    /// One instance of a runtime extension (remoting, cluster) per system, created on first use,
    /// as Akka's extensions are.
    /// </summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory)
        where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), static (_, state) => state.factory(state.system), (factory, system: this));

    public T? GetExtension<T>()
        where T : class =>
        _extensions.TryGetValue(typeof(T), out var extension) ? (T)extension : null;

    /// <summary>
    /// Finds a live actor of this system by its path elements (<c>/user/a/b</c>, or a temporary
    /// Ask ref under <c>/temp</c> that was exposed to another system). Null when there is none.
    /// </summary>
    internal ActorRefBase? ResolveLocal(ReadOnlySpan<char> elements)
    {
        if (elements.IsEmpty || elements[0] != '/')
        {
            return null;
        }

        elements = elements[1..];
        var slash = elements.IndexOf('/');
        var top = slash < 0 ? elements : elements[..slash];
        var rest = slash < 0 ? [] : elements[(slash + 1)..];
        if (top.SequenceEqual("temp"))
        {
            return _exposedTemps.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(rest, out var temp) ? temp : null;
        }

        var cell = top.SequenceEqual("user") ? _userGuardian : top.SequenceEqual("system") ? _systemGuardian : null;
        while (cell is not null && !rest.IsEmpty)
        {
            slash = rest.IndexOf('/');
            var name = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[(slash + 1)..];
            cell = (cell.Child(name.ToString()) as LocalActorRef)?.Cell;
        }

        return cell?.SelfRef;
    }

    /// <summary>
    /// Makes an Ask's temporary ref reachable by path until its reply arrives, so a reply from
    /// another system finds it.
    /// </summary>
    internal void ExposeTemp(PromiseActorRef promise)
    {
        if (_exposedTemps.TryAdd(promise.Path.Name, promise))
        {
            promise.Task.ContinueWith(
                static (_, state) =>
                {
                    var (temps, p) = ((ConcurrentDictionary<string, PromiseActorRef>, PromiseActorRef))state!;
                    temps.TryRemove(p.Path.Name, out PromiseActorRef? _);
                },
                (_exposedTemps, promise),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    internal long NewUid() => Interlocked.Increment(ref _nextUid);

    internal ActorPath NewTempPath() =>
        _tempPath.Child("$" + Interlocked.Increment(ref _nextTemp).ToString("x", CultureInfo.InvariantCulture));

    internal void OnGuardianTerminated(ActorRefBase guardian)
    {
        if (guardian.Equals(_userGuardian.SelfRef))
        {
            _userGuardianStopped.TrySetResult();
            if (!IsTerminating)
            {
                _ = CoordinatedShutdown.Run("the user guardian stopped");
            }
        }
        else if (guardian.Equals(_systemGuardian.SelfRef))
        {
            _systemGuardianStopped.TrySetResult();
        }
    }

    internal void CompleteTermination()
    {
        Scheduler.Shutdown();
        _terminated.TrySetResult();
    }

    private async Task StopGuardiansAsync(CancellationToken cancellation)
    {
        _userGuardian.SelfRef.SendSystemMessage(StopActor.Instance);
        await _userGuardianStopped.Task.WaitAsync(cancellation).ConfigureAwait(false);
        _systemGuardian.SelfRef.SendSystemMessage(StopActor.Instance);
        await _systemGuardianStopped.Task.WaitAsync(cancellation).ConfigureAwait(false);
    }
}
