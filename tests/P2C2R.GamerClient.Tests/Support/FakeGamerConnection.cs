using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests.Support;

/// <summary>
/// One gamer's connection to <see cref="FakeCoordinator"/>: sessions belong to the connection's
/// account (another account's are not found), and the session streamed here plays a tick every 20 ms.
/// </summary>
internal sealed class FakeGamerConnection : EdgeConnectionActor
{
    private readonly FakeCoordinator _coordinator;
    private FakeSession? _streaming;
    private int _sent;

    public FakeGamerConnection(EdgePeer peer, IEdgeOutbound outbound, FakeCoordinator coordinator)
        : base(peer, outbound)
    {
        _coordinator = coordinator;
        Receive<StartSession>(start =>
        {
            var session = new FakeSession("s-" + Guid.NewGuid().ToString("N")[..8], Peer.Account, _coordinator.GameFormat);
            _coordinator.Sessions[session.Id] = session;
            Stream(session);
        });
        Receive<ResumeSession>(resume => Owned(resume.SessionId, session => Stream(session)));
        Receive<PlayerInput>(input =>
        {
            _coordinator.Inputs.Enqueue(input.Keys);
            _streaming?.Apply(input);
        });
        Receive<Tick>(_ => OnTick());
        Receive<EndSession>(end => Owned(end.SessionId, session =>
        {
            if (!session.Active)
            {
                Send(new SessionNotFound(session.Id));
                return;
            }

            session.Active = false;
            if (_streaming == session)
            {
                Timers.Cancel("frames");
                _streaming = null;
            }

            Send(new SessionEnded(session.Id, session.Counters));
        }));
        Receive<QuerySession>(query => Owned(query.SessionId, session =>
            Send(new SessionInfo(session.Id, session.Owner, session.Active, session.Ticks, session.Counters, ""))));
        Receive<ListSessions>(_ => Send(new SessionList([.. _coordinator.Sessions.Values
            .Where(s => s.Owner == Peer.Account)
            .Select(s => new SessionInfo(s.Id, s.Owner, s.Active, s.Ticks, s.Counters, ""))])));
        Receive<QueryInputLog>(query => Owned(query.SessionId, session => Send((IEdgeMessage?)session.Log() ?? new SessionNotFound(session.Id))));
        Receive<QueryBalance>(_ => Send(new AccountBalance(Peer.Account, 100)));
        Receive<WebLoginRequest>(_ => Send(new WebLoginLink("http://127.0.0.1:1/login?code=for-" + Peer.Account, 120_000)));
    }

    private void Owned(string sessionId, Action<FakeSession> then)
    {
        if (_coordinator.Sessions.TryGetValue(sessionId, out var session) && session.Owner == Peer.Account)
        {
            then(session);
        }
        else
        {
            Send(new SessionNotFound(sessionId));
        }
    }

    private void Stream(FakeSession session)
    {
        if (!session.Active)
        {
            Send(new SessionNotFound(session.Id));
            return;
        }

        _streaming = session;
        Send(new SessionStarted(session.Id, 30, session.LastInput));
        NextTick();
    }

    /// <summary>The next tick 20 ms after this one is done: a slow machine plays slower instead of queueing ticks ahead of requests.</summary>
    private void NextTick() => Timers.StartSingleTimer("frames", Tick.Instance, TimeSpan.FromMilliseconds(20));

    private void OnTick()
    {
        if (_streaming is not { Active: true } session)
        {
            return;
        }

        Send(session.Next());
        if (_coordinator.DropAfterFrames > 0 && ++_sent >= _coordinator.DropAfterFrames)
        {
            _coordinator.DropAfterFrames = 0;
            Close(EdgeCloseCode.ShuttingDown, "the coordinator restarts");
            return;
        }

        NextTick();
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}
