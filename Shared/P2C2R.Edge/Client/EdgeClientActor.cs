using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using P2C2R.Edge.Framing;
using P2C2R.Edge.Transport;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Client;

/// <summary>
/// A helper's or gamer's connection to the coordinators, as an actor. It dials the coordinators in
/// order, handshakes, and redials with jittered backoff for as long as it lives (at once, to the next
/// coordinator of the list, when its coordinator says it is shutting down). Wire messages from
/// the coordinator go straight to the handler with this actor as sender, so replying to them sends
/// on the wire; any <see cref="IEdgeMessage"/> told to this actor is queued for the socket, or comes
/// back as <see cref="EdgeUndelivered"/> when no connection is up. Pings are answered and a silent
/// coordinator is dropped by the connection itself.
/// A helper's coordinator may ask it to move to another node of its cluster (<see cref="HelperMove"/>):
/// the client takes that here, in the order the wire delivers it (before the Goodbye that follows),
/// closes the connection, dials the named <c>host:port</c> at once and, should that fail, its own
/// list again from the first. The address is trusted as the coordinators it came from are; anything
/// but <c>host:port</c> is refused.
/// </summary>
public sealed class EdgeClientActor : ReceiveActor, IWithTimers
{
    private const string DialTimer = "dial";

    private readonly EdgeClientSettings settings;
    private readonly IActorRef handler;
    private readonly Backoff backoff;
    private readonly CancellationTokenSource lifetime = new();
    private readonly ILoggingAdapter log = Context.GetLogger();

    private int generation;
    private int next;
    private EdgeClientConnection? current;
    private long connectedAtMs;

    /// <summary>Where a coordinator asked this helper to move: dialed next, before the list.</summary>
    private CoordinatorAddress? moveTo;

    public EdgeClientActor(EdgeClientSettings settings, IActorRef handler)
    {
        if (settings.Coordinators.Count == 0)
        {
            throw new ArgumentException("at least one coordinator address is needed", nameof(settings));
        }

        this.settings = settings;
        this.handler = handler;
        backoff = new Backoff(settings.BackoffMin, settings.BackoffMax, settings.RandomSeed is { } seed ? new Random(seed) : new Random());
        Disconnected();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EdgeClientSettings settings, IActorRef handler) =>
        Akka.Actor.Props.Create(() => new EdgeClientActor(settings, handler));

    protected override void PreStart() => Dial();

    protected override void PostStop() => lifetime.Cancel();

    private void Disconnected()
    {
        Receive<DialNext>(_ => Dial());
        Receive<Dialed>(d => d.Generation == generation, OnDialed);
        Receive<DialFailed>(f => f.Generation == generation, OnDialFailed);
        Receive<IEdgeMessage>(m => Sender.Tell(new EdgeUndelivered(m)));
        Receive<GetEdgeStatus>(_ => Sender.Tell(new EdgeStatus(false, null, null, null)));
        IgnoreStale();
    }

    /// <summary>Outcomes of an earlier attempt or connection: a connection nobody will use is closed.</summary>
    private void IgnoreStale()
    {
        Receive<Dialed>(d => d.Connection.Stop());
        Receive<DialFailed>(_ => { });
        Receive<LinkClosed>(_ => { });
        Receive<DialNext>(_ => { });
        Receive<MoveAsked>(_ => { });
    }

    private void Connected()
    {
        Receive<IEdgeMessage>(m =>
        {
            if (!current!.Link.TrySend(m))
            {
                Sender.Tell(new EdgeUndelivered(m));
            }
        });
        Receive<GetEdgeStatus>(_ => Sender.Tell(new EdgeStatus(true, current!.Coordinator, current.Welcome.Account, current.Link.RoundTrip)));
        Receive<LinkClosed>(c => c.Generation == generation, OnLinkClosed);
        Receive<MoveAsked>(m => m.Generation == generation, OnMoveAsked);
        IgnoreStale();
    }

    private void Dial()
    {
        var attempt = ++generation;
        var address = moveTo ?? settings.Coordinators[next];
        TellSelfWhenDone(
            EdgeDialer.DialAsync(settings, address, lifetime.Token),
            connection => new Dialed(attempt, connection),
            e => new DialFailed(attempt, address, e));
    }

    private void OnDialed(Dialed dialed)
    {
        var connection = dialed.Connection;
        current = connection;
        connectedAtMs = Environment.TickCount64;
        next = 0;
        moveTo = null;
        log.Info("Connected to coordinator {0} as {1} of account {2}", connection.Coordinator, settings.Role, connection.Welcome.Account);
        handler.Tell(new EdgeConnected(connection.Welcome, connection.Coordinator), Self);

        var self = Self;
        var to = handler;
        var attempt = generation;
        var movable = settings.Role == EdgeRole.Helper;
        TellSelfWhenDone(
            connection.RunAsync(message =>
            {
                if (movable && message is HelperMove move)
                {
                    self.Tell(new MoveAsked(attempt, move));
                }
                else
                {
                    to.Tell(message, self);
                }
            }),
            closed => new LinkClosed(attempt, closed),
            e => new LinkClosed(attempt, new EdgeLinkClosed(null, e.Message, ByRemote: false, Abandoned: true)));
        Become(Connected);
    }

    private void OnDialFailed(DialFailed failed)
    {
        var (reason, code) = Describe(failed.Cause);
        log.Warning("Could not connect to coordinator {0}: {1}", failed.Coordinator, reason);
        handler.Tell(new EdgeConnectFailed(failed.Coordinator, reason, code), Self);
        if (moveTo is not null)
        {
            // The node this helper was moved to is not reachable: back to its own list, from the first.
            moveTo = null;
            Dial();
            return;
        }

        next = (next + 1) % settings.Coordinators.Count;
        if (next == 0)
        {
            Timers.StartSingleTimer(DialTimer, DialNext.Instance, backoff.Next());
        }
        else
        {
            Dial();
        }
    }

    private void OnLinkClosed(LinkClosed closed)
    {
        var (code, reason) = (closed.Closed.Code, closed.Closed.Reason);
        var coordinator = current!.Coordinator;
        log.Info("Disconnected from coordinator {0}: {1} {2}", coordinator, code?.ToString() ?? "no goodbye", reason);
        current = null;
        handler.Tell(new EdgeDisconnected(reason, code), Self);
        if (Environment.TickCount64 - connectedAtMs >= settings.BackoffMax.TotalMilliseconds)
        {
            backoff.Reset();
        }

        Become(Disconnected);
        if (moveTo is not null)
        {
            Dial();
            return;
        }

        if (code == EdgeCloseCode.ShuttingDown && settings.Coordinators.Count > 1)
        {
            next = (IndexOf(coordinator) + 1) % settings.Coordinators.Count;
            Timers.StartSingleTimer(DialTimer, DialNext.Instance, TimeSpan.Zero);
            return;
        }

        Timers.StartSingleTimer(DialTimer, DialNext.Instance, backoff.Next());
    }

    /// <summary>Where <paramref name="coordinator"/> is in the list, so a coordinator shutting down is skipped for the one after it.</summary>
    private int IndexOf(CoordinatorAddress coordinator)
    {
        for (var i = 0; i < settings.Coordinators.Count; i++)
        {
            if (settings.Coordinators[i].Equals(coordinator))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The coordinator asked this helper to reconnect to another node: it closes this connection and dials that one first.</summary>
    private void OnMoveAsked(MoveAsked asked)
    {
        if (!CoordinatorAddress.TryParseHostPort(asked.Move.Address, out var target))
        {
            log.Warning("Coordinator {0} asked this helper to move to \"{1}\", which is not host:port; staying", current!.Coordinator, asked.Move.Address);
            return;
        }

        log.Info("Coordinator {0} asks this helper to move to {1}; reconnecting there", current!.Coordinator, target);
        moveTo = target;
        current.Link.Close(EdgeCloseCode.Normal, $"moving to {target}");
    }

    /// <summary>Like PipeTo, but quiet once this actor has stopped (no dead letters for a finished connection).</summary>
    private void TellSelfWhenDone<T>(Task<T> task, Func<T, object> success, Func<Exception, object> failure)
    {
        var self = Self;
        var stopped = lifetime.Token;
        task.ContinueWith(
            done =>
            {
                if (!stopped.IsCancellationRequested)
                {
                    self.Tell(done.IsCompletedSuccessfully ? success(done.Result) : failure(done.Exception?.GetBaseException() ?? new TaskCanceledException()));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static (string Reason, EdgeCloseCode? Code) Describe(Exception cause)
    {
        while (cause is AggregateException { InnerException: { } inner })
        {
            cause = inner;
        }

        return cause switch
        {
            EdgeProtocolException refused => (refused.Message, refused.Code),
            OperationCanceledException => ("timed out", null),
            SocketException socket => (socket.SocketErrorCode.ToString(), null),
            _ => (cause.Message, null),
        };
    }

    private sealed class DialNext
    {
        public static DialNext Instance { get; } = new();
    }

    private sealed record Dialed(int Generation, EdgeClientConnection Connection);

    private sealed record DialFailed(int Generation, CoordinatorAddress Coordinator, Exception Cause);

    private sealed record LinkClosed(int Generation, EdgeLinkClosed Closed);

    private sealed record MoveAsked(int Generation, HelperMove Move);
}
