using System.IO.Hashing;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using P2C2R.Coordinator.Accounting;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Scheduling;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// One gamer's session, the single authority over its game world (<see cref="IGameWorld"/>: the
/// session knows no game's rules). Every tick it plays the world with the gamer's keys, sends
/// the tasks the world planned to the scheduler with deadlines from the tick budget, and hands
/// validated outputs back to the world when they come due (computing late ones itself); and it
/// renders the frame the world describes: ray-trace bands, then an upscale, then a delta-deflate. Up to <see cref="CoordinatorSettings.TicksInFlight"/>
/// frames are in flight (pipelining); frames go to the gamer in tick order. A tick that comes
/// due while the pipeline is full is not started: the game waits a frame, and the tick is
/// counted as late.
/// Event-sourced: every tick is journalled (its keys) before it is played, and the world is
/// snapshotted every <see cref="CoordinatorSettings.SnapshotEveryTicks"/> ticks, so a restarted
/// or recovered session resumes at its last journalled tick with the identical world; no frame
/// ever shows a tick the journal does not hold. One <see cref="KeysFrom"/> write covers the ticks
/// of a <see cref="CoordinatorSettings.JournalLease"/> while the keys stay the same, so the journal
/// costs a write per key change or lease, not per tick; a pause or an end cuts the lease at the
/// tick reached. A session without a gamer (recovered, or its
/// gamer gone) is paused: it neither ticks nor charges until a gamer resumes it. Its gamer
/// learns of it by <see cref="SessionAttached"/> and sends its input straight to it.
/// </summary>
public sealed partial class Session : UntypedPersistentActor, IWithTimers
{
    /// <summary>Work keys are <c>tick·Slots + slot</c> for frame tasks and <c>taskId·Slots + GameSlot</c> for the world's tasks.</summary>
    private const int Slots = 16;
    private const int GameSlot = Slots - 1;
    private const int MaxBands = Slots - 3;
    private const int KeyFrameEvery = 120;

    /// <summary>A frame update's bytes beyond its pixels and caption (frame header, tick, sizes, counters), counted so the figure is the wire's.</summary>
    private const int FrameOverheadBytes = 96;

    /// <summary>A frame task unanswered this long was lost (the scheduler restarted, say) and is sent again.</summary>
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(1);

    private readonly string _id;
    private readonly string _account;
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _scheduler;
    private readonly IActorRef _registry;
    private readonly IActorRef _ledger;
    private readonly int _ticksPerSecond;
    private readonly TimeSpan _tick;
    private readonly TickPacer _pacer;
    private readonly GameOptions _options;
    private readonly FrameFormat _format;
    private readonly int _upscaleSlot;

    /// <summary>The slot of the task that ends a frame's chain with its delta: <c>render.finish</c>, or <c>codec.deflate</c> after an upscale.</summary>
    private readonly int _finishSlot;

    /// <summary>Names this session's frame chain to the scheduler, which keeps the chain on the helpers already holding its frames.</summary>
    private readonly long _affinity;
    private readonly HelperResults _results = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SortedDictionary<long, FrameJob> _frames = [];
    private readonly SortedDictionary<long, FrameUpdate> _ready = [];

    /// <summary>The last frames' latency, from their tick's start to their sending, for the operator dashboard.</summary>
    private readonly LatencyWindow _frameLatency = new();
    private IGameWorld _world;
    private IActorRef? _gamer;
    private readonly long _leaseTicks;

    /// <summary>The node hosting this session, as status reports it: its address in the cluster.</summary>
    private readonly string _node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
    private int _keys;
    private long _lastInput = -1;

    /// <summary>The journal's last word: the keys in force and the tick the session may play up to.</summary>
    private KeysFrom _journaled = new(0, 0, -1, 0);
    private long _nextToEncode;
    private long _nextToSend;

    /// <summary>The frame last sent to be finished: the next one is a delta against it, or a key frame when null.</summary>
    private FrameJob? _previous;
    private int _helpers;
    private long _tasks;
    private long _helperComputed;
    private long _rejects;
    private long _coordinatorComputed;
    private long _cpuMicros;
    private long _helperBytes;
    private long _gamerBytes;
    private long _sent;
    private long _lateTicks;

    public Session(string id, string account, int ticksPerSecond, IActorRef? gamer, CoordinatorSettings settings, IActorRef scheduler, IActorRef registry, IActorRef ledger)
    {
        _id = id;
        _account = account;
        _settings = settings;
        _scheduler = scheduler;
        _registry = registry;
        _ledger = ledger;
        _gamer = gamer;
        _ticksPerSecond = Math.Clamp(ticksPerSecond, 1, 120);
        _tick = TimeSpan.FromSeconds(1.0 / _ticksPerSecond);
        _pacer = new TickPacer(_tick);
        _leaseTicks = Math.Max(1, (long)Math.Round(settings.JournalLease.TotalSeconds * _ticksPerSecond));
        _format = settings.Frame;
        if (_format.Bands > MaxBands)
        {
            throw new ArgumentException($"a frame has at most {MaxBands} bands");
        }

        _upscaleSlot = _format.Bands;
        _finishSlot = _format.Bands + 1;
        _options = OptionsOf(id, _ticksPerSecond, settings);
        _affinity = (long)XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(id)) | 1;
        _world = settings.Game.Create(_options);
    }

    /// <summary>What a session's world starts from: its seed follows from its id, so a replay needs only the input log.</summary>
    public static GameOptions OptionsOf(string sessionId, int ticksPerSecond, CoordinatorSettings settings) =>
        new(GameOptions.SeedOf(sessionId), ticksPerSecond, settings.Frame);

    public override string PersistenceId => PersistenceIdOf(_id);

    public static string PersistenceIdOf(string sessionId) => "session-" + sessionId;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A session counts as active on this node from its start (recovery included) to its stop, a restart being a stop and a start.</summary>
    protected override void PreStart()
    {
        CoordinatorMetrics.SessionStarted();
        base.PreStart();
    }

    protected override void PostStop()
    {
        CoordinatorMetrics.SessionStopped();
        base.PostStop();
    }

    /// <summary>Every command is charged to the session's CPU account: this is the coordinator's own work for it.</summary>
    protected override void OnCommand(object message)
    {
        var started = ThreadCpu.NowMicros();
        Handle(message);
        _cpuMicros += ThreadCpu.NowMicros() - started;
    }

    private void Handle(object message)
    {
        switch (message)
        {
            case TickDue when _gamer is not null:
                if (_pacer.Due())
                {
                    OnTick();
                }

                Timers.StartSingleTimer("tick", TickDue.Instance, _pacer.UntilDue());
                break;
            case TickDue:
                break;
            case WorkDone done:
                OnWorkDone(done);
                break;
            case ResultRejected rejected:
                _rejects++;
                CoordinatorMetrics.TaskDone(rejected.TaskType, TaskOutcome.Rejected);
                break;
            case PlayerInput input when input.Sequence > _lastInput:
                _lastInput = input.Sequence;
                _keys = input.Keys;
                break;
            case PlayerInput:
                break;
            case HelperDirectory directory:
                _helpers = directory.Helpers.Count(h => !h.Quarantined);
                break;
            case AttachGamer attach:
                Attach(attach.Gamer);
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_gamer):
                _gamer = null;
                Timers.Cancel("tick");
                CutLease(() => _log.Info("Session {0} paused at tick {1}: its gamer is gone", _id, _world.Tick));
                break;
            case Terminated:
                break;
            case QuerySession:
                Sender.Tell(Info(), Self);
                break;
            case ReportDue:
                ResendLost();
                _ledger.Tell(new ChargePlay(_id, _account, _world.Tick * 1000 / _ticksPerSecond), Self);
                Report(Reported(Info(withDigest: false)));
                break;
            case StopSession stop:
                CutLease(() => Stop(stop));
                break;
            case HandOffSession:
                Timers.Cancel("tick");
                CutLease(() =>
                {
                    _gamer?.Tell(new SessionMoved(_id), Self);
                    Context.Parent.Tell(Reported(Info(withDigest: false)), Self);
                    _log.Info("Session {0} handed off at tick {1}", _id, _world.Tick);
                    Context.Stop(Self);
                });
                break;
            case SaveSnapshotSuccess:
                break;
            case SaveSnapshotFailure failure:
                _log.Warning(failure.Cause, "Snapshot of session {0} at {1} failed; recovery replays further", _id, failure.Metadata.SequenceNr);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnTick()
    {
        if (_frames.Count >= _settings.TicksInFlight)
        {
            _lateTicks++;
            CoordinatorMetrics.TickLate();
            return;
        }

        var tick = _world.Tick;
        if (_keys == _journaled.Keys && tick < _journaled.Until)
        {
            Play(tick);
            return;
        }

        // The journal's confirmation runs this outside OnCommand: charged here.
        Persist(new KeysFrom(tick, _keys, _lastInput, tick + _leaseTicks), from =>
        {
            var cpu = ThreadCpu.NowMicros();
            Journaled(from);
            Play(from.Tick);
            _cpuMicros += ThreadCpu.NowMicros() - cpu;
        });
    }

    /// <summary>
    /// Streams to <paramref name="gamer"/> from now on (a key frame first) and plays: a session
    /// only ticks, and only charges, while a gamer watches it. The gamer learns the last input
    /// applied, so a gamer that resumed from a new process numbers its inputs above it.
    /// </summary>
    private void Attach(IActorRef gamer)
    {
        if (_gamer is not null && !_gamer.Equals(gamer))
        {
            Context.Unwatch(_gamer);
        }

        _gamer = gamer;
        _previous = null;
        Context.Watch(gamer);
        gamer.Tell(new SessionAttached(_id, Self, _ticksPerSecond, Math.Max(0, _lastInput)), Self);
        if (!Timers.IsTimerActive("tick"))
        {
            _pacer.Start();
            Timers.StartSingleTimer("tick", TickDue.Instance, TimeSpan.Zero);
        }
    }

    /// <summary>Plays a journalled tick: the world advances, and its frame and the tasks it planned are scheduled.</summary>
    private void Play(long tick)
    {
        var started = DateTime.UtcNow;
        _world.Advance(_journaled.Keys, _results);
        CoordinatorMetrics.TickPlayed();
        var job = new FrameJob(tick, started, _format.Bands, _world.Caption);
        _frames[tick] = job;
        for (var band = 0; band < _format.Bands; band++)
        {
            job.Waiting[band] = Schedule(tick * Slots + band, TaskExecutors.Raytrace, _world.DescribeFrame(band), started + 2 * _tick);
        }

        foreach (var task in _world.Planned)
        {
            _results.Await(task);
            var ticksLeft = task.DueTick - _world.Tick + 0.5;
            TaskExecutors.TryGet(task.Type, out var executor);
            Submit(new WorkItem(task.Id * Slots + GameSlot, task.Type, task.Input, executor.EstimateCost(task.Input), started + ticksLeft * _tick, FoldsIntoWorld: true));
        }

        if (_world.Tick % _settings.SnapshotEveryTicks == 0)
        {
            SaveSnapshot(new SessionSnapshot(_world.Snapshot(), _journaled.Keys, _journaled.LastInput, _journaled.Until));
        }
    }

    /// <summary>A frame task, costed from its typed input: estimating from the encoded bytes would decode a whole scene again per band.</summary>
    private WorkItem Schedule<TInput, TOutput>(long key, TaskExecutor<TInput, TOutput> executor, TInput input, DateTime deadline)
        where TInput : ITaskPayload<TInput>
        where TOutput : ITaskPayload<TOutput> =>
        Submit(new WorkItem(key, executor.Type.Id, Payload.Encode(input), executor.Cost(input), deadline, _affinity));

    private WorkItem Submit(WorkItem work)
    {
        _tasks++;
        CoordinatorMetrics.TaskSubmitted(work.TaskType);
        _scheduler.Tell(work, Self);
        return work;
    }

    private sealed record TickDue
    {
        public static TickDue Instance { get; } = new();
    }

    private sealed record ReportDue
    {
        public static ReportDue Instance { get; } = new();
    }
}
