using P2C2R.Actors;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Receives a session's stream: the start (with the session's ref for input), every frame
/// (decoded and measured), and the end with its final counters. It watches the session: if the
/// session's coordinator goes away (a crash, a restart), it asks the session manager every
/// second to resume the same session until the recovered coordinator answers, and counts the
/// resume. It sends the keys held (<see cref="HoldKeys"/> from the keyboard), or with an
/// autopilot steers by itself, for headless runs. Each decoded frame goes to the view as an
/// immutable <see cref="PlayStatus"/> and, when recording, to a PNG file. The stats are handed
/// out only as a copy of the JSON, so nothing mutable leaves the actor while it runs.
/// </summary>
public sealed class PlayActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ResumeEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SteerEvery = TimeSpan.FromMilliseconds(250);
    private static readonly int[] AutopilotKeys = [1, 1 | 8, 1, 2, 0, 1 | 2, 4, 8];
    private readonly PlayStats _stats = new();
    private readonly FrameDecoder _decoder = new();
    private IActorRef? _session;
    private bool _lost;
    private long _inputs;

    public PlayActor(TaskCompletionSource<SessionStarted> started, TaskCompletionSource<SessionEnded> ended, Action<PlayStatus>? show, IActorRef? sessions = null, bool autopilot = false, FrameRecorder? recorder = null)
    {
        Receive<SessionStarted>(s =>
        {
            if (_lost && s.SessionId == _stats.SessionId)
            {
                _lost = false;
                _stats.Resumes++;
                Timers.Cancel("resume");
            }

            _stats.SessionId = s.SessionId;
            _session = s.Session;
            Context.Watch(s.Session);
            started.TrySetResult(s);
            if (autopilot)
            {
                Timers.StartPeriodicTimer("steer", new SteerDue(), SteerEvery);
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(_session) || sessions is null || ended.Task.IsCompleted)
            {
                return;
            }

            _lost = true;
            _session = null;
            Timers.StartPeriodicTimer("resume", new ResumeDue(), ResumeEvery);
        });
        Receive<ResumeDue>(_ => sessions?.Tell(new ResumeSession(_stats.SessionId, Self), Self));
        Receive<SteerDue>(_ =>
        {
            _inputs++;
            _session?.Tell(new PlayerInput(_inputs, AutopilotKeys[_inputs / 8 % AutopilotKeys.Length]), Self);
        });
        Receive<HoldKeys>(held =>
        {
            _inputs++;
            _session?.Tell(new PlayerInput(_inputs, held.Keys), Self);
        });
        Receive<FrameUpdate>(frame =>
        {
            _stats.Add(frame, DateTime.UtcNow);
            if (!_decoder.Decode(frame))
            {
                return;
            }

            _stats.AddDecoded(frame.Tick, _decoder.Current);
            recorder?.Write(frame.Tick, _decoder.Current, frame.Width, frame.Height);
            if (show is not null)
            {
                var (fps, latency) = _stats.Recent();
                show(new PlayStatus(frame.Tick, _decoder.Current, frame.Width, frame.Height, fps, latency, frame.Counters.Helpers, frame.Counters.HelperTasks, frame.Caption));
            }
        });
        Receive<SessionEnded>(end =>
        {
            _stats.Counters = end.Counters;
            ended.TrySetResult(end);
        });
        Receive<SessionNotFound>(missing =>
        {
            if (!_lost)
            {
                started.TrySetException(new InvalidOperationException($"session {missing.SessionId} does not exist"));
            }
        });
        Receive<FinishPlay>(finish => Sender.Tell(_stats.ToJson(finish.Seconds), Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record ResumeDue;

    private sealed record SteerDue;
}

/// <summary>Ask the play actor for its report as JSON.</summary>
public sealed record FinishPlay(double Seconds);
