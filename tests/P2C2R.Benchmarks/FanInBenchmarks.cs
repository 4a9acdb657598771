using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using P2C2R.Actors;

namespace P2C2R.Benchmarks;

/// <summary>
/// Many senders, one receiver (a coordinator collecting results): measures the enqueue path under
/// contention and the receiver's batch draining. The baseline is one unbounded
/// <see cref="Channel{T}"/> with a single reader loop.
/// </summary>
[Config(typeof(MessagingConfig))]
public class FanInBenchmarks : ActorSystemBenchmark
{
    private const int Senders = 4;
    private const int PerSender = 250_000;
    private const int Total = Senders * PerSender;
    private static readonly object Item = new();

    private IActorRef _sink = null!;

    protected override void CreateActors(ActorSystem system) => _sink = system.ActorOf(Props.Create(() => new Sink()), "sink");

    [Benchmark(Baseline = true, OperationsPerInvoke = Total)]
    public async Task Channels()
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var reader = Task.Run(async () =>
        {
            var count = 0;
            while (count < Total && await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    count++;
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                channel.Writer.TryWrite(Item);
            }
        })));
        await reader;
    }

    [Benchmark(OperationsPerInvoke = Total)]
    public async Task Actors()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.Tell(new Expect(Total, done), null);
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                _sink.Tell(Item, null);
            }
        })));
        await done.Task;
    }

    private sealed record Expect(int Count, TaskCompletionSource Done);

    private sealed class Sink : ActorBase
    {
        private int _left;
        private TaskCompletionSource? _done;

        protected internal override bool Receive(object message)
        {
            if (ReferenceEquals(message, Item))
            {
                if (--_left == 0)
                {
                    _done!.TrySetResult();
                }

                return true;
            }

            if (message is Expect expect)
            {
                (_left, _done) = (expect.Count, expect.Done);
                return true;
            }

            return false;
        }
    }
}
