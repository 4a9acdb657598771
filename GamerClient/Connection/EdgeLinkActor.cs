using Akka.Actor;
using Akka.Event;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Connection;

/// <summary>
/// The gamer's handler of its edge client, between the commands and the wire. It matches replies
/// to <see cref="EdgeRequest"/>s first in, first out (the coordinator answers a connection's
/// requests in order; a reply that answers a later request means the earlier ones got none), and
/// fails the waiting ones as soon as the connection drops, since a new connection never answers
/// an old one's requests. Everything else, such as a session's frames and the connection's
/// events, goes to the one subscriber (the play actor). An IEdgeMessage told by anyone but the
/// client goes on the wire as it is, with its sender kept, so the client's <c>EdgeUndelivered</c>
/// reaches that sender.
/// </summary>
public sealed class EdgeLinkActor : ReceiveActor, IWithTimers
{
    /// <summary>Refusals that the next attempt would get again: waiting for a connection is pointless.</summary>
    private static readonly EdgeCloseCode[] Fatal =
        [EdgeCloseCode.UnsupportedVersion, EdgeCloseCode.BadSignature, EdgeCloseCode.AdmissionRefused];

    private readonly Func<IActorContext, IActorRef> _startClient;
    private readonly List<Pending> _pending = [];
    private readonly Dictionary<long, (IActorRef Waiter, TimeSpan Timeout)> _waiters = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _client = ActorRefs.Nobody;
    private IActorRef? _subscriber;
    private EdgeConnected? _connected;
    private string _lastProblem = "no connection attempt has finished yet";
    private long _nextWaiter;

    public EdgeLinkActor(Func<IActorContext, IActorRef> startClient)
    {
        _startClient = startClient;
        Receive<EdgeConnected>(OnConnected);
        Receive<EdgeDisconnected>(OnDisconnected);
        Receive<EdgeConnectFailed>(OnConnectFailed);
        Receive<EdgeUndelivered>(OnUndelivered);
        Receive<EdgeRequest>(OnRequest);
        Receive<AwaitEdgeConnected>(OnAwaitConnected);
        Receive<WaitExpired>(OnWaitExpired);
        Receive<SubscribeEdge>(OnSubscribe);
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_subscriber))
            {
                _subscriber = null;
            }
        });
        Receive<IEdgeMessage>(message =>
        {
            if (Sender.Equals(_client))
            {
                OnInbound(message);
            }
            else
            {
                _client.Forward(message);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// <paramref name="startClient"/> creates (or, in tests, names) the edge client; it is given
    /// this actor's context, so the client can be its child and name it as its handler.
    /// </summary>
    public static Props Props(Func<IActorContext, IActorRef> startClient) => Akka.Actor.Props.Create(() => new EdgeLinkActor(startClient));

    protected override void PreStart() => _client = _startClient(Context);

    private void OnConnected(EdgeConnected connected)
    {
        _connected = connected;
        foreach (var (id, (waiter, _)) in _waiters)
        {
            Timers.Cancel(id);
            waiter.Tell(connected);
        }

        _waiters.Clear();
        _subscriber?.Tell(connected);
    }

    private void OnDisconnected(EdgeDisconnected disconnected)
    {
        _connected = null;
        _lastProblem = disconnected.Code is { } code ? $"{disconnected.Reason} ({code})" : disconnected.Reason;
        foreach (var pending in _pending)
        {
            pending.ReplyTo.Tell(new Status.Failure(new CoordinatorUnavailableException(
                $"the connection to the coordinator was lost before it answered {pending.Request.GetType().Name}: {_lastProblem}")));
        }

        _pending.Clear();
        FailWaitersIfFatal(disconnected.Code);
        _subscriber?.Tell(disconnected);
    }

    private void OnConnectFailed(EdgeConnectFailed failed)
    {
        _lastProblem = failed.Code is { } code ? $"{failed.Coordinator}: {failed.Reason} ({code})" : $"{failed.Coordinator}: {failed.Reason}";
        FailWaitersIfFatal(failed.Code);
    }

    private void FailWaitersIfFatal(EdgeCloseCode? code)
    {
        if (code is not { } refused || Array.IndexOf(Fatal, refused) < 0)
        {
            return;
        }

        foreach (var (id, (waiter, _)) in _waiters)
        {
            Timers.Cancel(id);
            waiter.Tell(new Status.Failure(new CoordinatorUnavailableException("the coordinator refused this client: " + _lastProblem)));
        }

        _waiters.Clear();
    }

    private void OnUndelivered(EdgeUndelivered undelivered)
    {
        var index = _pending.FindIndex(p => ReferenceEquals(p.Request, undelivered.Message));
        if (index < 0)
        {
            return;
        }

        _pending[index].ReplyTo.Tell(new Status.Failure(new CoordinatorUnavailableException("not connected to a coordinator: " + _lastProblem)));
        _pending.RemoveAt(index);
    }

    private void OnRequest(EdgeRequest request)
    {
        if (!EdgeReplies.IsRequest(request.Message))
        {
            Sender.Tell(new Status.Failure(new ArgumentException(request.Message.GetType().Name + " gets no reply; tell it to the link instead")));
            return;
        }

        if (_connected is null)
        {
            Sender.Tell(new Status.Failure(new CoordinatorUnavailableException("not connected to a coordinator: " + _lastProblem)));
            return;
        }

        _pending.Add(new Pending(request.Message, Sender));
        _client.Tell(request.Message, Self);
    }

    private void OnAwaitConnected(AwaitEdgeConnected await)
    {
        if (_connected is not null)
        {
            Sender.Tell(_connected);
            return;
        }

        var id = _nextWaiter++;
        _waiters[id] = (Sender, await.Timeout);
        Timers.StartSingleTimer(id, new WaitExpired(id), await.Timeout);
    }

    private void OnWaitExpired(WaitExpired expired)
    {
        if (_waiters.Remove(expired.Id, out var waiter))
        {
            waiter.Waiter.Tell(new Status.Failure(new CoordinatorUnavailableException(
                $"no coordinator answered within {waiter.Timeout.TotalSeconds:0.#} s (last: {_lastProblem})")));
        }
    }

    private void OnSubscribe(SubscribeEdge subscribe)
    {
        if (_subscriber is not null)
        {
            Context.Unwatch(_subscriber);
        }

        _subscriber = subscribe.Subscriber;
        Context.Watch(_subscriber);
        if (_connected is not null)
        {
            _subscriber.Tell(_connected);
        }
    }

    private void OnInbound(IEdgeMessage message)
    {
        var index = IndexAnswered(message);
        if (index < 0)
        {
            if (_subscriber is null)
            {
                _log.Debug("No one waits for {0}", message.GetType().Name);
            }

            _subscriber?.Tell(message);
            return;
        }

        for (var i = 0; i < index; i++)
        {
            _pending[i].ReplyTo.Tell(new Status.Failure(new CoordinatorUnavailableException(
                $"the coordinator answered a later request but not {_pending[i].Request.GetType().Name}")));
        }

        _pending[index].ReplyTo.Tell(message);
        _pending.RemoveRange(0, index + 1);
        if (message is SessionEnded)
        {
            _subscriber?.Tell(message);
        }
    }

    /// <summary>The first request <paramref name="message"/> answers, or −1 (a plain loop: frames pass here at the tick rate).</summary>
    private int IndexAnswered(IEdgeMessage message)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (EdgeReplies.Answers(_pending[i].Request, message))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record Pending(IEdgeMessage Request, IActorRef ReplyTo);

    private sealed record WaitExpired(long Id);
}
