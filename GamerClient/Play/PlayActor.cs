using Akka.Actor;
using Akka.Event;
using P2C2R.Edge.Client;
using P2C2R.GamerClient.Connection;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Plays one session over the edge: on the first connection it starts (or resumes) the session;
/// on every later connection (the coordinator restarted, the network came back, or another
/// coordinator of the list answered) it resumes the same session and counts the reconnection and
/// the resume, asking again while the coordinator does not know it yet. It decodes and measures
/// every frame, logs its arrival, records it and hands it to the view; it sends the keys held
/// (<see cref="HoldKeys"/> from the keyboard, or its own autopilot) as numbered inputs, and again
/// after a resume, since keys are held until the next input. The numbers go on from the last input
/// the session applied, which every <c>session.started</c> tells: the session ignores inputs at or
/// below it, so a session resumed from a new process (which numbered nothing yet) hears its keys.
/// The stats leave the actor only as a JSON copy, so nothing mutable is shared while it runs.
/// </summary>
public sealed class PlayActor : ReceiveActor, IWithTimers
{
    private const string ResumeTimer = "resume";
    private const string SteerTimer = "steer";
    private static readonly int[] AutopilotKeys = [1, 1 | 8, 1, 2, 0, 1 | 2, 4, 8];
    private readonly IActorRef _edge;
    private readonly PlayOptions _options;
    private readonly TaskCompletionSource<SessionStarted> _started;
    private readonly TaskCompletionSource<SessionEnded> _ended;
    private readonly PlayStats _stats = new();
    private readonly FrameDecoder _decoder = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private FrameRecorder? _recorder;
    private FrameLog? _frameLog;
    private string? _sessionId;
    private bool _connected;
    private bool _connectedBefore;
    private bool _lost;
    private bool _ending;
    private int _resumeAttempts;
    private int _keys;
    private long _sequence;
    private long _steps;

    /// <param name="edge">Where wire messages go: the connection's link (in tests, a probe).</param>
    /// <param name="options">What to play and how.</param>
    /// <param name="started">Completed by the first <c>session.started</c>, or failed when the session to resume is unknown.</param>
    /// <param name="ended">Completed by the session's <c>session.ended</c>, or failed when a lost session cannot be resumed.</param>
    public PlayActor(IActorRef edge, PlayOptions options, TaskCompletionSource<SessionStarted> started, TaskCompletionSource<SessionEnded> ended)
    {
        _edge = edge;
        _options = options;
        _started = started;
        _ended = ended;
        _recorder = options.Recorder;
        _frameLog = options.FrameLog;
        Receive<EdgeConnected>(_ => OnConnected());
        Receive<EdgeDisconnected>(_ =>
        {
            _connected = false;
            _lost |= _sessionId is not null;
        });
        Receive<EdgeUndelivered>(_ => { });
        Receive<SessionStarted>(OnStarted);
        Receive<SessionNotFound>(OnNotFound);
        Receive<ResumeDue>(_ => Resume());
        Receive<FrameUpdate>(OnFrame);
        Receive<SessionEnded>(OnEnded);
        Receive<HoldKeys>(held => SendKeys(held.Keys));
        Receive<SteerDue>(_ => SendKeys(AutopilotKeys[++_steps / 8 % AutopilotKeys.Length]));
        Receive<EndPlay>(_ =>
        {
            _stats.StillAt(DateTime.UtcNow);
            _ending = true;
            SendEnd();
        });
        Receive<FinishPlay>(finish => Sender.Tell(_stats.ToJson(finish.Seconds)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef edge, PlayOptions options, TaskCompletionSource<SessionStarted> started, TaskCompletionSource<SessionEnded> ended) =>
        Akka.Actor.Props.Create(() => new PlayActor(edge, options, started, ended));

    /// <summary>Asks for the end; asked again on every reconnection until the session confirms it, so an end sent into a dying link is not lost.</summary>
    private void SendEnd()
    {
        if (_sessionId is not null && !_ended.Task.IsCompleted)
        {
            _edge.Tell(new EndSession(_sessionId), Self);
        }
    }

    private void OnConnected()
    {
        _stats.Reconnects += _connectedBefore ? 1 : 0;
        _connected = _connectedBefore = true;
        if (_ended.Task.IsCompleted)
        {
            return;
        }

        if (_ending && _sessionId is not null)
        {
            SendEnd();
        }
        else if (_sessionId is not null)
        {
            _lost = true;
            _resumeAttempts = 0;
            Resume();
        }
        else if (_options.ResumeSessionId is { } resume)
        {
            _edge.Tell(new ResumeSession(resume), Self);
        }
        else
        {
            _edge.Tell(new StartSession(_options.TicksPerSecond), Self);
        }
    }

    private void Resume()
    {
        if (_connected && _lost && _sessionId is not null)
        {
            _resumeAttempts++;
            _edge.Tell(new ResumeSession(_sessionId), Self);
        }
    }

    private void OnStarted(SessionStarted started)
    {
        if (_sessionId is not null && started.SessionId != _sessionId)
        {
            return;
        }

        _sequence = Math.Max(_sequence, started.LastInput);
        if (_sessionId is null)
        {
            _sessionId = started.SessionId;
            _stats.SessionId = started.SessionId;
            _started.TrySetResult(started);
            if (_options.Autopilot)
            {
                Timers.StartPeriodicTimer(SteerTimer, SteerDue.Instance, _options.SteerEvery);
            }

            return;
        }

        if (!_lost)
        {
            return;
        }

        _lost = false;
        _stats.Resumes++;
        Timers.Cancel(ResumeTimer);
        if (_keys != 0)
        {
            _edge.Tell(new PlayerInput(++_sequence, _keys), Self);
        }
    }

    private void OnNotFound(SessionNotFound missing)
    {
        if (_sessionId is null)
        {
            _started.TrySetException(new SessionNotFoundException(missing.SessionId));
        }
        else if (missing.SessionId == _sessionId && _lost)
        {
            if (_resumeAttempts < _options.ResumeAttempts)
            {
                Timers.StartSingleTimer(ResumeTimer, ResumeDue.Instance, _options.ResumeRetry);
            }
            else
            {
                _ended.TrySetException(new SessionNotFoundException(missing.SessionId));
            }
        }
    }

    private void OnFrame(FrameUpdate frame)
    {
        var received = DateTime.UtcNow;
        _stats.Add(frame, received);
        LogArrival(frame, received);
        if (!_decoder.Decode(frame))
        {
            return;
        }

        _stats.AddDecoded(frame.Tick, _decoder.Current);
        Record(frame);
        if (_options.View is { } view)
        {
            var (fps, latency) = _stats.Recent();
            view.Offer(frame.Tick, _decoder.Current, frame.Width, frame.Height, fps, latency, frame.Counters.Helpers, frame.Counters.HelperComputed, frame.Caption);
        }
    }

    /// <summary>Logs the frame's arrival; as with recording, a full or read-only disk stops the log, not the play.</summary>
    private void LogArrival(FrameUpdate frame, DateTime received)
    {
        try
        {
            _frameLog?.Write(frame.Tick, received, frame.TickStartedUnixMicros);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            _log.Error("The frame log stopped at tick {0}: {1}", frame.Tick, error.Message);
            _frameLog = null;
        }
    }

    /// <summary>Writes the frame's PNG; a full or read-only disk stops the recording, not the play.</summary>
    private void Record(FrameUpdate frame)
    {
        if (_recorder is null)
        {
            return;
        }

        try
        {
            _recorder.Write(frame.Tick, _decoder.Current, frame.Width, frame.Height);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            _log.Error("Recording stopped at tick {0}: {1}", frame.Tick, error.Message);
            _recorder = null;
        }
    }

    private void OnEnded(SessionEnded end)
    {
        if (end.SessionId != _sessionId)
        {
            return;
        }

        _stats.Counters = end.Counters;
        Timers.CancelAll();
        _ended.TrySetResult(end);
    }

    private void SendKeys(int keys)
    {
        if (keys == _keys)
        {
            return;
        }

        _keys = keys;
        if (_sessionId is not null && _connected && !_lost)
        {
            _edge.Tell(new PlayerInput(++_sequence, keys), Self);
        }
    }

    private sealed class ResumeDue
    {
        public static ResumeDue Instance { get; } = new();
    }

    private sealed class SteerDue
    {
        public static SteerDue Instance { get; } = new();
    }
}
