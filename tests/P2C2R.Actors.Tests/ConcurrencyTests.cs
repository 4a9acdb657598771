namespace P2C2R.Actors.Tests;

/// <summary>Races repeated often enough to catch them: ordering, counting and lifecycle under contention.</summary>
public sealed class ConcurrencyTests : TestKit.TestKit
{
    [Fact]
    public void Each_sender_order_is_kept_with_many_concurrent_senders_100_times()
    {
        for (var round = 0; round < 100; round++)
        {
            const int senders = 8;
            const int perSender = 1_000;
            var checker = Sys.ActorOf(Props.Create(() => new PerSenderOrder(senders * perSender, TestActor)));
            Parallel.For(0, senders, sender =>
            {
                for (var i = 0; i < perSender; i++)
                {
                    checker.Tell((sender, i));
                }
            });
            ExpectMsg("ordered", TimeSpan.FromSeconds(10));
            Sys.Stop(checker);
        }
    }

    [Fact]
    public void No_message_is_lost_when_producers_race_the_consumer_going_idle_100_times()
    {
        for (var round = 0; round < 100; round++)
        {
            var counter = Sys.ActorOf(Props.Create(() => new Countdown(4 * 500, TestActor)));
            var producers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    counter.Tell(i);
                    if (i % 50 == 0)
                    {
                        Thread.Yield();
                    }
                }
            })).ToArray();
            Assert.True(Task.WaitAll(producers, TimeSpan.FromSeconds(10)));
            ExpectMsg("done", TimeSpan.FromSeconds(10));
            Sys.Stop(counter);
        }
    }

    [Fact]
    public void Concurrent_top_level_creation_and_stop_100_times()
    {
        for (var round = 0; round < 100; round++)
        {
            var refs = new IActorRef[16];
            Parallel.For(0, refs.Length, i => refs[i] = Sys.ActorOf(Props.Create<EchoActor>(), $"r{round}-{i}"));
            foreach (var r in refs)
            {
                Watch(r);
            }

            Parallel.ForEach(refs, Sys.Stop);
            var terminated = ReceiveN(refs.Length).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
            Assert.Equal(refs.ToHashSet(), terminated);
        }
    }

    private sealed class PerSenderOrder : ReceiveActor
    {
        public PerSenderOrder(int total, IActorRef probe)
        {
            var next = new Dictionary<int, int>();
            var received = 0;
            Receive<(int Sender, int Sequence)>(m =>
            {
                var expected = next.GetValueOrDefault(m.Sender);
                if (m.Sequence != expected)
                {
                    probe.Tell($"sender {m.Sender}: {m.Sequence} arrived when {expected} was due");
                }

                next[m.Sender] = m.Sequence + 1;
                if (++received == total)
                {
                    probe.Tell("ordered");
                }
            });
        }
    }

    private sealed class Countdown : ReceiveActor
    {
        public Countdown(int total, IActorRef probe)
        {
            var left = total;
            Receive<int>(_ =>
            {
                if (--left == 0)
                {
                    probe.Tell("done");
                }
            });
        }
    }
}
