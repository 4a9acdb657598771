using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>
/// The runtime side of one actor: its mailbox, its current instance, behaviour stack, children,
/// watchers and lifecycle state. Everything here except the child table is touched only by the
/// mailbox run, which is never on two threads at once, so it needs no locks.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? _running;
    [ThreadStatic] private static ActorCell? _constructing;

    private readonly List<Receive> _behaviors = [];
    private readonly Queue<Envelope> _unstashed = new();
    private ActorBase? _actor;
    private Envelope _current;
    private ILogger? _log;
    private CellState _state = CellState.Creating;

    public ActorCell(ActorSystem system, ActorPath path, Props props, ActorRefBase parent)
    {
        System = system;
        Props = props;
        ParentRef = parent;
        var settings = system.Settings;
        Mailbox = props.MailboxCapacity is { } capacity
            ? new Mailbox(capacity, props.MailboxOverflow, props.Throughput ?? settings.Throughput)
            : new Mailbox(settings.MailboxCapacity, settings.MailboxOverflow, props.Throughput ?? settings.Throughput);
        SelfRef = new LocalActorRef(system, path, system.NewUid(), this);
        Mailbox.Attach(this);
    }

    private enum CellState { Creating, Running, Recreating, Terminating, Terminated }

    /// <summary>The cell whose mailbox this thread is running, for the implicit sender of Tell.</summary>
    internal static ActorCell? Running
    {
        get => _running;
        set => _running = value;
    }

    internal static IActorRef? CurrentSelf => _running?.SelfRef;

    /// <summary>The cell an actor constructor is binding to.</summary>
    internal static ActorCell? Constructing => _constructing;

    public ActorSystem System { get; }
    public Props Props { get; }
    public ActorRefBase ParentRef { get; }
    public LocalActorRef SelfRef { get; }
    public Mailbox Mailbox { get; }

    public IActorRef Self => SelfRef;
    public IActorRef Parent => ParentRef;
    public IActorRef Sender => _current.Sender ?? System.DeadLetters;
    public ILogger Log => _log ??= System.LoggerFactory.CreateLogger(Props.ActorType.FullName ?? Props.ActorType.Name);
    internal ActorBase? Actor => _actor;
    internal object? CurrentMessage => _current.Message;

    public bool CanProcessUserMessages =>
        _state == CellState.Running && !_failed && _suspendCount == 0 && _asyncTask is null;

    public bool HasUnstashedMessages => _unstashed.Count > 0;

    public void Start() => Mailbox.PostSystem(Create.Instance);

    public bool TryTakeUnstashed(out Envelope envelope) => _unstashed.TryDequeue(out envelope);

    /// <summary>Queues messages ahead of the mailbox, in order: unstashed messages.</summary>
    internal void Prepend(IReadOnlyCollection<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
        {
            return;
        }

        var rest = _unstashed.ToArray();
        _unstashed.Clear();
        foreach (var envelope in envelopes)
        {
            _unstashed.Enqueue(envelope);
        }

        foreach (var envelope in rest)
        {
            _unstashed.Enqueue(envelope);
        }
    }

    internal Envelope CurrentEnvelope => _current;

    public void Invoke(in Envelope envelope)
    {
        _current = envelope;
        try
        {
            if (envelope.Message is AutoReceivedMessage auto)
            {
                AutoReceive(auto);
            }
            else if (!_behaviors[^1](envelope.Message))
            {
                _actor!.Unhandled(envelope.Message);
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            if (_asyncTask is null)
            {
                _current = default;
            }
        }
    }

    private void AutoReceive(AutoReceivedMessage message)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(SelfRef);
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case WatchedActorTerminated terminated:
                _current = new Envelope(terminated.Terminated, terminated.Terminated.ActorRef);
                DeliverTerminated(terminated);
                break;
            case TimerMessage timer:
                if (_timers?.Accept(timer) == true)
                {
                    _current = new Envelope(timer.Message, null);
                    if (!_behaviors[^1](timer.Message))
                    {
                        _actor!.Unhandled(timer.Message);
                    }
                }

                break;
        }
    }

    public void ProcessSystemMessages()
    {
        while (!Mailbox.IsClosed && Mailbox.TryDequeueSystem(out var message))
        {
            try
            {
                SystemInvoke(message);
            }
            catch (Exception exception)
            {
                Log.LogError(exception, "{Path} failed while processing {Message}", SelfRef.Path, message.GetType().Name);
                HandleInvokeFailure(exception);
            }
        }
    }

    private void SystemInvoke(SystemMessage message)
    {
        switch (message)
        {
            case Create: CreateActor(); break;
            case Recreate recreate: FaultRecreate(recreate.Cause); break;
            case StopActor: BeginTermination(); break;
            case Suspend: SuspendSelfAndChildren(); break;
            case Resume resume: HandleResume(resume); break;
            case Failed failed: HandleFailedChild(failed); break;
            case Watch watch: AddWatcher(watch.Watcher); break;
            case Unwatch unwatch: RemoveWatcher(unwatch.Watcher); break;
            case DeathWatchNotification death: HandleDeath(death.Actor); break;
            case RunContinuation continuation: RunContinuation(continuation); break;
            case AsyncHandlerCompleted completed: CompleteAsyncHandler(completed); break;
        }
    }

    public void Become(Receive behavior)
    {
        if (_behaviors.Count > 0)
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }

        _behaviors.Add(behavior);
    }

    public void BecomeStacked(Receive behavior) => _behaviors.Add(behavior);

    public void UnbecomeStacked()
    {
        if (_behaviors.Count > 1)
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }

    private ActorBase NewActor()
    {
        _behaviors.Clear();
        var previous = _constructing;
        _constructing = this;
        try
        {
            var actor = Props.NewActor();
            _behaviors.Insert(0, actor.Receive);
            return actor;
        }
        finally
        {
            _constructing = previous;
        }
    }
}
