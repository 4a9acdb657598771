using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Protocol;
using P2C2R.Tasks;
using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// One gamer's session, the single authority over its world. Every tick it plans tasks from the
/// world (ray-trace bands, then an upscale, then a delta-deflate per frame; a physics step; a
/// pathfinding step), hands them to the scheduler with deadlines from the tick budget, and folds
/// validated outputs back in. Up to <see cref="CoordinatorSettings.TicksInFlight"/> frames are in
/// flight (pipelining); frames go to the gamer in tick order. A tick that comes due while the
/// pipeline is full is not started: the game waits a frame, and the tick is counted as late.
/// </summary>
public sealed class Session : ReceiveActor, IWithTimers
{
    private const int BandCount = 4;
    private const int UpscaleSlot = BandCount;
    private const int DeflateSlot = BandCount + 1;
    private const int PhysicsSlot = BandCount + 2;
    private const int PathSlot = BandCount + 3;
    private const int Slots = 16;
    private const int KeyFrameEvery = 120;

    private readonly string _id;
    private readonly string _account;
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _scheduler;
    private readonly TimeSpan _tick;
    private readonly SortedDictionary<long, FrameJob> _frames = [];
    private readonly SortedDictionary<long, FrameUpdate> _ready = [];
    private DemoWorld _world = null!;
    private IActorRef? _gamer;
    private int _keys;
    private long _lastInput = -1;
    private long _tickNumber;
    private long _nextToEncode;
    private long _nextToSend;
    private byte[] _previousFrame = [];
    private bool _physicsPending;
    private bool _pathPending;
    private int _helpers;
    private long _tasks;
    private long _helperTasks;
    private long _rejects;
    private long _fallbacks;
    private long _sent;
    private long _lateTicks;

    public Session(string id, string account, int ticksPerSecond, IActorRef gamer, CoordinatorSettings settings, IActorRef scheduler, IActorRef registry)
    {
        _id = id;
        _account = account;
        _settings = settings;
        _scheduler = scheduler;
        _gamer = gamer;
        _tick = TimeSpan.FromSeconds(1.0 / Math.Clamp(ticksPerSecond, 1, 120));
        registry.Tell(new SubscribeHelpers(), Self);
        Receive<TickDue>(_ => OnTick());
        Receive<WorkDone>(OnWorkDone);
        Receive<ResultRejected>(_ => _rejects++);
        Receive<PlayerInput>(input =>
        {
            if (input.Sequence > _lastInput)
            {
                _lastInput = input.Sequence;
                _keys = input.Keys;
            }
        });
        Receive<HelperDirectory>(directory => _helpers = directory.Helpers.Count(h => !h.Quarantined));
        Receive<AttachGamer>(attach =>
        {
            _gamer = attach.Gamer;
            _previousFrame = [];
            _gamer.Tell(new SessionStarted(_id, Self, (int)Math.Round(1 / _tick.TotalSeconds)), Self);
        });
        Receive<QuerySession>(_ => Sender.Tell(Info(), Self));
        Receive<ReportDue>(_ => Context.Parent.Tell(new SessionReport(Info()), Self));
        Receive<StopSession>(stop =>
        {
            _gamer?.Tell(new SessionEnded(_id, Counters()), Self);
            stop.Requester?.Tell(new SessionEnded(_id, Counters()), Self);
            Context.Parent.Tell(new SessionReport(Info() with { Active = false }), Self);
            Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _world = new DemoWorld();
        Timers.StartPeriodicTimer("tick", new TickDue(), _tick);
        Timers.StartPeriodicTimer("report", new ReportDue(), TimeSpan.FromSeconds(1));
        _gamer?.Tell(new SessionStarted(_id, Self, (int)Math.Round(1 / _tick.TotalSeconds)), Self);
    }

    private void OnTick()
    {
        if (_frames.Count >= _settings.TicksInFlight)
        {
            _lateTicks++;
            return;
        }

        var tick = _tickNumber++;
        var started = DateTime.UtcNow;
        _world.Steer(_keys);
        var job = new FrameJob(tick, started);
        _frames[tick] = job;
        for (var band = 0; band < BandCount; band++)
        {
            Schedule(tick, band, TaskExecutors.Raytrace.Type.Id, Payload.Encode(_world.Trace(band, BandCount)), started + 2 * _tick);
        }

        if (!_physicsPending)
        {
            _physicsPending = true;
            Schedule(tick, PhysicsSlot, TaskExecutors.Rigid.Type.Id, Payload.Encode(_world.Physics()), started + 2 * _tick);
        }

        if (!_pathPending)
        {
            _pathPending = true;
            Schedule(tick, PathSlot, TaskExecutors.Pathfind.Type.Id, Payload.Encode(_world.Path()), started + 2 * _tick);
        }
    }

    private void Schedule(long tick, int slot, string type, byte[] input, DateTime deadline)
    {
        TaskExecutors.TryGet(type, out var executor);
        _tasks++;
        _scheduler.Tell(new WorkItem(tick * Slots + slot, type, input, executor.EstimateCost(input), deadline), Self);
    }

    private void OnWorkDone(WorkDone done)
    {
        _helperTasks += done.ByHelper ? 1 : 0;
        _fallbacks += done.LocalFallback ? 1 : 0;
        var tick = done.Key / Slots;
        var slot = (int)(done.Key % Slots);
        switch (slot)
        {
            case PhysicsSlot:
                _physicsPending = false;
                _world.Integrate(Payload.Decode<RigidOutput>(done.Output));
                return;
            case PathSlot:
                _pathPending = false;
                _world.Integrate(Payload.Decode<PathfindOutput>(done.Output));
                return;
        }

        if (!_frames.TryGetValue(tick, out var job))
        {
            return;
        }

        if (slot < BandCount)
        {
            job.Bands[slot] = Payload.Decode<ImageOutput>(done.Output).Rgb;
            if (job.Bands.All(b => b is not null))
            {
                var traced = job.Bands.SelectMany(b => b!).ToArray();
                Schedule(tick, UpscaleSlot, TaskExecutors.Upscale.Type.Id,
                    Payload.Encode(new UpscaleInput(Scenes.TraceWidth, Scenes.TraceHeight, traced, Scenes.FrameWidth, Scenes.FrameHeight, UpscaleQuality.Bilinear, 0, Scenes.FrameHeight)),
                    DateTime.UtcNow + 2 * _tick);
            }
        }
        else if (slot == UpscaleSlot)
        {
            job.Upscaled = Payload.Decode<ImageOutput>(done.Output).Rgb;
            EncodeInOrder();
        }
        else if (slot == DeflateSlot)
        {
            var deflated = Payload.Decode<DeltaDeflateOutput>(done.Output);
            _ready[tick] = new FrameUpdate(tick, Scenes.FrameWidth, Scenes.FrameHeight, deflated.KeyFrame, deflated.Deflate,
                (job.Started - DateTime.UnixEpoch).Ticks / 10, Counters());
            _frames.Remove(tick);
            SendInOrder();
        }
    }

    /// <summary>Deltas chain frame to frame, so frames are encoded in tick order as their upscale completes.</summary>
    private void EncodeInOrder()
    {
        while (_frames.TryGetValue(_nextToEncode, out var job) && job.Upscaled is not null && !job.Encoding)
        {
            job.Encoding = true;
            var keyFrame = _nextToEncode % KeyFrameEvery == 0 || _previousFrame.Length != job.Upscaled.Length;
            Schedule(job.Tick, DeflateSlot, TaskExecutors.Deflate.Type.Id,
                Payload.Encode(new DeltaDeflateInput(keyFrame ? [] : _previousFrame, job.Upscaled, 1)), DateTime.UtcNow + 2 * _tick);
            _previousFrame = job.Upscaled;
            _nextToEncode++;
        }
    }

    private void SendInOrder()
    {
        while (_ready.Remove(_nextToSend, out var frame))
        {
            _gamer?.Tell(frame, Self);
            _sent++;
            _nextToSend++;
        }
    }

    private SessionCounters Counters() => new(_tickNumber, _sent, _tasks, _helperTasks, _rejects, _fallbacks, _helpers, _lateTicks);

    private SessionInfo Info() => new(_id, _account, true, _tickNumber, Counters());

    private sealed class FrameJob(long tick, DateTime started)
    {
        public long Tick { get; } = tick;

        public DateTime Started { get; } = started;

        public byte[]?[] Bands { get; } = new byte[BandCount][];

        public byte[]? Upscaled { get; set; }

        public bool Encoding { get; set; }
    }

    private sealed record TickDue;

    private sealed record ReportDue;
}
