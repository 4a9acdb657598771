using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// A gamer in a test, over a real edge client of its own: it starts a session as soon as it is
/// connected (and resumes it after a lost connection), records each frame with its arrival, and
/// the session's end. It sends no input, so its world plays with no keys held.
/// </summary>
public sealed class FrameCollector : ReceiveActor
{
    private readonly EdgeClientSettings _settings;
    private readonly int _ticksPerSecond;
    private readonly List<(long Tick, DateTime At)> _frames = [];
    private readonly List<FrameUpdate> _updates = [];
    private IActorRef _client = ActorRefs.Nobody;
    private SessionCounters? _final;
    private string? _session;
    private string? _account;
    private int _starts;
    private int _connections;
    private bool _startRequested;

    public FrameCollector(EdgeClientSettings settings, int ticksPerSecond)
    {
        _settings = settings;
        _ticksPerSecond = ticksPerSecond;
        Receive<EdgeConnected>(OnConnected);
        Receive<EdgeDisconnected>(_ => { });
        Receive<EdgeConnectFailed>(_ => { });
        Receive<SessionStarted>(started =>
        {
            _session = started.SessionId;
            _starts++;
        });
        Receive<FrameUpdate>(frame =>
        {
            _frames.Add((frame.Tick, DateTime.UtcNow));
            _updates.Add(frame);
        });
        Receive<SessionEnded>(ended => ended.SessionId == _session, ended => _final = ended.Counters);
        Receive<EndCollectedSession>(_ =>
        {
            if (_session is not null)
            {
                _client.Tell(new EndSession(_session), Self);
            }
        });
        Receive<CollectorQuery>(_ => Sender.Tell(new CollectorReport(_session, _account, _starts, _connections, [.. _frames], [.. _updates], _final), Self));
    }

    public static Props Props(EdgeClientSettings settings, int ticksPerSecond) =>
        Akka.Actor.Props.Create(() => new FrameCollector(settings, ticksPerSecond));

    protected override void PreStart() => _client = Context.ActorOf(EdgeClientActor.Props(_settings, Self), "edge");

    private void OnConnected(EdgeConnected connected)
    {
        _connections++;
        _account = connected.Welcome.Account;
        if (_session is not null && _final is null)
        {
            _client.Tell(new ResumeSession(_session), Self);
        }
        else if (!_startRequested)
        {
            _startRequested = true;
            _client.Tell(new StartSession(_ticksPerSecond), Self);
        }
    }
}

/// <summary>Asks a <see cref="FrameCollector"/> for its <see cref="CollectorReport"/>.</summary>
public sealed record CollectorQuery
{
    public static CollectorQuery Instance { get; } = new();
}

/// <summary>Tells a <see cref="FrameCollector"/> to end its session.</summary>
public sealed record EndCollectedSession
{
    public static EndCollectedSession Instance { get; } = new();
}

/// <summary>
/// What a gamer saw: its session and account, how often the session was started or resumed for
/// it (<paramref name="Starts"/>) and how often it connected, every frame with its arrival, and the
/// final counters once the session ended.
/// </summary>
public sealed record CollectorReport(string? SessionId, string? Account, int Starts, int Connections, (long Tick, DateTime At)[] Frames, FrameUpdate[] Updates, SessionCounters? Final);
