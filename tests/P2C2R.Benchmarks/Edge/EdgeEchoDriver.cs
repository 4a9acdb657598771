using System.Diagnostics;
using Akka.Actor;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// The edge benchmark's client: the handler of an <see cref="EdgeClientActor"/>, as a helper's
/// actor is. Round trips send one <c>helper.load</c> and wait for its answer before the next;
/// one-way sends in chunks of <see cref="EchoProtocol.AckEvery"/> with at most
/// <see cref="EchoProtocol.WindowChunks"/> chunks unacknowledged, until the time is up and every
/// chunk is acknowledged.
/// </summary>
public sealed class EdgeEchoDriver : ReceiveActor
{
    private readonly EdgeClientSettings settings;
    private IActorRef client = ActorRefs.Nobody;
    private bool connected;
    private IActorRef? waiter;

    private double[] roundTrips = [];
    private int done;
    private long sentAt;

    private Stopwatch clock = new();
    private TimeSpan duration;
    private long sent;
    private long acked;

    public EdgeEchoDriver(EdgeClientSettings settings)
    {
        this.settings = settings;
        Receive<EdgeConnected>(_ =>
        {
            connected = true;
            waiter?.Tell(new EchoConnected());
            waiter = null;
        });
        Receive<AwaitEchoConnected>(_ =>
        {
            if (connected)
            {
                Sender.Tell(new EchoConnected());
            }
            else
            {
                waiter = Sender;
            }
        });
        Receive<EdgeDisconnected>(lost => Fail("the edge connection closed: " + lost.Reason));
        Receive<EdgeUndelivered>(_ => Fail("a message could not be queued: no connection"));
        Receive<EdgeConnectFailed>(_ => { });
        Receive<RunRoundTrips>(run =>
        {
            waiter = Sender;
            roundTrips = new double[run.Count];
            done = 0;
            SendRoundTrip();
        });
        Receive<RunOneWay>(run =>
        {
            waiter = Sender;
            duration = run.Duration;
            sent = acked = 0;
            clock = Stopwatch.StartNew();
            Refill();
        });
        Receive<CreditUpdate>(OnReply);
    }

    protected override void PreStart() => client = Context.ActorOf(EdgeClientActor.Props(settings, Self), "edge");

    private void OnReply(CreditUpdate reply)
    {
        if (done < roundTrips.Length)
        {
            roundTrips[done++] = Stopwatch.GetElapsedTime(sentAt).TotalMicroseconds;
            if (done < roundTrips.Length)
            {
                SendRoundTrip();
            }
            else
            {
                waiter?.Tell(roundTrips);
            }

            return;
        }

        acked = reply.Credits;
        if (clock.Elapsed < duration)
        {
            Refill();
        }
        else if (acked == sent)
        {
            waiter?.Tell(new OneWayResult(sent, clock.Elapsed));
        }
    }

    private void SendRoundTrip()
    {
        sentAt = Stopwatch.GetTimestamp();
        client.Tell(new HelperLoad(done + 1, EchoProtocol.RoundTrip));
    }

    private void Refill()
    {
        while (sent - acked < EchoProtocol.AckEvery * EchoProtocol.WindowChunks)
        {
            for (var i = 0; i < EchoProtocol.AckEvery; i++)
            {
                client.Tell(new HelperLoad((int)++sent, EchoProtocol.OneWay));
            }
        }
    }

    private void Fail(string reason)
    {
        waiter?.Tell(new Status.Failure(new InvalidOperationException(reason)));
        waiter = null;
    }
}
