using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using P2C2R.Actors;

namespace P2C2R.Benchmarks;

/// <summary>
/// One message bounced between two parties: every hop wakes the other side, so this measures the
/// cost of a Tell plus scheduling the receiver. The baseline is the same bounce over two
/// unbounded <see cref="Channel{T}"/>s read by two async loops.
/// </summary>
[Config(typeof(MessagingConfig))]
public class PingPongBenchmarks : ActorSystemBenchmark
{
    private const int Hops = 100_000;
    private static readonly object Ball = new();

    private IActorRef _ping = null!;
    private IActorRef _pong = null!;

    protected override void CreateActors(ActorSystem system)
    {
        _pong = system.ActorOf(Props.Create(() => new Bouncer()), "pong");
        _ping = system.ActorOf(Props.Create(() => new Bouncer()), "ping");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Hops)]
    public async Task Channels()
    {
        var a = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var b = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var pong = Task.Run(() => Bounce(b.Reader, a.Writer, Hops / 2));
        a.Writer.TryWrite(Ball);
        await Bounce(a.Reader, b.Writer, Hops / 2);
        await pong;
    }

    [Benchmark(OperationsPerInvoke = Hops)]
    public Task Actors()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pong.Tell(new Start(Hops / 2, _ping, null), null);
        _ping.Tell(new Start(Hops / 2, _pong, done), null);
        _ping.Tell(Ball, _pong);
        return done.Task;
    }

    private static async Task Bounce(ChannelReader<object> inbox, ChannelWriter<object> outbox, int hops)
    {
        for (var i = 0; i < hops; i++)
        {
            if (!inbox.TryRead(out var ball))
            {
                ball = await inbox.ReadAsync();
            }

            outbox.TryWrite(ball);
        }
    }

    private sealed record Start(int Hops, IActorRef Partner, TaskCompletionSource? Done);

    private sealed class Bouncer : ActorBase
    {
        private int _left;
        private IActorRef _partner = null!;
        private TaskCompletionSource? _done;

        protected internal override bool Receive(object message)
        {
            if (ReferenceEquals(message, Ball))
            {
                _partner.Tell(Ball, Self);
                if (--_left == 0)
                {
                    _done?.TrySetResult();
                }

                return true;
            }

            if (message is Start start)
            {
                (_left, _partner, _done) = (start.Hops, start.Partner, start.Done);
                return true;
            }

            return false;
        }
    }
}
