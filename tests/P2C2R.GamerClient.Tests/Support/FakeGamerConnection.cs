using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests.Support;

/// <summary>One gamer's connection to <see cref="FakeCoordinator"/>: sessions are owned by the connection's account, and a streamed session sends a key frame every 20 ms.</summary>
internal sealed class FakeGamerConnection : EdgeConnectionActor
{
    private readonly FakeCoordinator _coordinator;
    private string? _streaming;
    private long _tick;
    private int _sent;

    public FakeGamerConnection(EdgePeer peer, IEdgeOutbound outbound, FakeCoordinator coordinator)
        : base(peer, outbound)
    {
        _coordinator = coordinator;
        Receive<StartSession>(start =>
        {
            var id = "s-" + Guid.NewGuid().ToString("N")[..8];
            _coordinator.Sessions[id] = Peer.Account;
            Stream(id, start.TicksPerSecond == 0 ? 30 : start.TicksPerSecond);
        });
        Receive<ResumeSession>(resume =>
        {
            if (Owned(resume.SessionId))
            {
                Stream(resume.SessionId, 30);
            }
            else
            {
                Send(new SessionNotFound(resume.SessionId));
            }
        });
        Receive<PlayerInput>(input => _coordinator.Inputs.Enqueue(input.Keys));
        Receive<Tick>(_ => OnTick());
        Receive<EndSession>(end =>
        {
            if (!Owned(end.SessionId) || !_coordinator.Sessions.TryRemove(end.SessionId, out _))
            {
                Send(new SessionNotFound(end.SessionId));
                return;
            }

            Timers.Cancel("frames");
            _streaming = null;
            Send(new SessionEnded(end.SessionId, SessionCounters.Zero with { Ticks = _tick, Frames = _tick }));
        });
        Receive<QuerySession>(query => Send(Owned(query.SessionId)
            ? new SessionInfo(query.SessionId, Peer.Account, true, _tick, SessionCounters.Zero, "")
            : new SessionNotFound(query.SessionId)));
        Receive<QueryBalance>(_ => Send(new AccountBalance(Peer.Account, 100)));
    }

    private bool Owned(string sessionId) => _coordinator.Sessions.TryGetValue(sessionId, out var owner) && owner == Peer.Account;

    private void Stream(string sessionId, int ticksPerSecond)
    {
        _streaming = sessionId;
        Send(new SessionStarted(sessionId, ticksPerSecond));
        Timers.StartPeriodicTimer("frames", Tick.Instance, TimeSpan.FromMilliseconds(20));
    }

    private void OnTick()
    {
        if (_streaming is null)
        {
            return;
        }

        Send(TestFrames.Key(_tick, TestFrames.Rgb((int)_tick)));
        _tick++;
        if (_coordinator.DropAfterFrames > 0 && ++_sent >= _coordinator.DropAfterFrames)
        {
            _coordinator.DropAfterFrames = 0;
            Close(EdgeCloseCode.ShuttingDown, "the coordinator restarts");
        }
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}
