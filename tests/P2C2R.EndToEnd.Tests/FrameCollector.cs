using P2C2R.Protocol;

namespace P2C2R.EndToEnd.Tests;

/// <summary>A gamer in a test: records each frame's tick and arrival, and the session's end.</summary>
public sealed class FrameCollector : ReceiveActor
{
    private readonly List<(long Tick, DateTime At)> _frames = [];
    private readonly List<FrameUpdate> _updates = [];
    private SessionCounters? _final;
    private string? _session;
    private int _starts;
    private IActorRef? _sessionRef;

    public FrameCollector()
    {
        Receive<SessionStarted>(started =>
        {
            _session = started.SessionId;
            _sessionRef = started.Session;
            _starts++;
        });
        Receive<FrameUpdate>(frame =>
        {
            _frames.Add((frame.Tick, DateTime.UtcNow));
            _updates.Add(frame);
        });
        Receive<SessionEnded>(ended => _final = ended.Counters);
        Receive<CollectorQuery>(_ => Sender.Tell(new CollectorReport(_session, _sessionRef, _starts, [.. _frames], [.. _updates], _final), Self));
    }
}

public sealed record CollectorQuery;

public sealed record CollectorReport(string? SessionId, IActorRef? Session, int Starts, (long Tick, DateTime At)[] Frames, FrameUpdate[] Updates, SessionCounters? Final);
