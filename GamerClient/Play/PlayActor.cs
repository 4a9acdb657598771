using P2C2R.Actors;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Receives a session's stream: the start (with the session's ref for input), every frame
/// (decoded and measured), and the end with its final counters. The stats are handed out only
/// as a copy of the JSON at the end, so nothing mutable leaves the actor while it runs.
/// </summary>
public sealed class PlayActor : ReceiveActor
{
    private readonly PlayStats _stats = new();
    private readonly FrameDecoder _decoder = new();

    public PlayActor(TaskCompletionSource<SessionStarted> started, TaskCompletionSource<SessionEnded> ended, Action<FrameUpdate, byte[]>? show)
    {
        Receive<SessionStarted>(s =>
        {
            _stats.SessionId = s.SessionId;
            started.TrySetResult(s);
        });
        Receive<FrameUpdate>(frame =>
        {
            _stats.Add(frame, DateTime.UtcNow);
            if (_decoder.Decode(frame))
            {
                show?.Invoke(frame, _decoder.Current);
            }
        });
        Receive<SessionEnded>(end =>
        {
            _stats.Counters = end.Counters;
            ended.TrySetResult(end);
        });
        Receive<SessionNotFound>(missing => started.TrySetException(new InvalidOperationException($"session {missing.SessionId} does not exist")));
        Receive<FinishPlay>(finish => Sender.Tell(_stats.ToJson(finish.Seconds), Self));
    }
}

/// <summary>Ask the play actor for its report as JSON.</summary>
public sealed record FinishPlay(double Seconds);
