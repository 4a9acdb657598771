namespace P2C2R.Actors.Tests;

public sealed class MailboxTests : TestKit.TestKit
{
    [Fact]
    public void A_million_messages_from_one_sender_arrive_in_order()
    {
        const int count = 1_000_000;
        var checker = Sys.ActorOf(Props.Create(() => new SequenceChecker(count, TestActor)));
        for (var i = 0; i < count; i++)
        {
            checker.Tell(i);
        }

        ExpectMsg("in order", TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(OverflowPolicy.DropNewest)]
    [InlineData(OverflowPolicy.DropOldest)]
    public void Bounded_mailbox_under_overload_never_exceeds_its_bound(OverflowPolicy policy)
    {
        const int bound = 64;
        const int senders = 4;
        const int perSender = 20_000;
        var gauge = Sys.ActorOf(Props.Create(() => new MailboxGauge()).WithBoundedMailbox(bound, policy));
        var local = (LocalActorRef)gauge;
        var maxSeen = 0;
        var producers = Enumerable.Range(0, senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                gauge.Tell(i);
                var depth = local.MailboxCount;
                int seen;
                while (depth > (seen = Volatile.Read(ref maxSeen)) && Interlocked.CompareExchange(ref maxSeen, depth, seen) != seen)
                {
                }
            }
        })).ToArray();
        Assert.True(Task.WaitAll(producers, TimeSpan.FromSeconds(30)));
        AwaitCondition(() => local.MailboxCount == 0);
        var (processed, maxDepth) = gauge.Ask<(int, int)>("report", TimeSpan.FromSeconds(10)).Result;
        Assert.InRange(maxSeen, 1, bound);
        Assert.InRange(maxDepth, 0, bound);
        AwaitAssert(() => Assert.Equal(senders * perSender, processed + Sys.DeadLetterCount));
        Assert.True(Sys.DeadLetterCount > 0, "the overload should have dropped messages");
    }

    [Fact]
    public void Drop_oldest_keeps_the_newest_messages()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingRecorder(gate, TestActor)).WithBoundedMailbox(3, OverflowPolicy.DropOldest));
        actor.Tell(0);
        AwaitCondition(() => ((LocalActorRef)actor).MailboxCount == 0);
        for (var i = 1; i <= 10; i++)
        {
            actor.Tell(i);
        }

        gate.Set();
        Assert.Equal([0, 8, 9, 10], ReceiveN(4).Cast<int>());
    }

    [Fact]
    public void Full_mailbox_drops_go_to_dead_letters_and_are_logged()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingRecorder(gate, TestActor)).WithBoundedMailbox(1));
        actor.Tell(0);
        AwaitCondition(() => ((LocalActorRef)actor).MailboxCount == 0);
        actor.Tell(1);
        Logs.Information("mailbox full").ExpectOne(() => actor.Tell(2));
        gate.Set();
        Assert.Equal([0, 1], ReceiveN(2).Cast<int>());
        ExpectNoMsg();
    }

    [Fact]
    public void System_messages_overtake_a_flood_of_user_messages()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingRecorder(gate, Sys.DeadLetters)));
        actor.Tell(0);
        for (var i = 1; i <= 100_000; i++)
        {
            actor.Tell(i);
        }

        Watch(actor);
        Sys.Stop(actor);
        gate.Set();
        ExpectTerminated(actor);
        Assert.True(Sys.DeadLetterCount > 99_000, $"only {Sys.DeadLetterCount} messages were left when the stop arrived");
    }

    [Theory]
    [InlineData(1, 900, 1003)]
    [InlineData(100, 2, 20)]
    public void Throughput_sets_how_many_messages_one_run_processes(int throughput, int minRuns, int maxRuns)
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingRecorder(gate, Sys.DeadLetters)).WithThroughput(throughput));
        actor.Tell(0);
        AwaitCondition(() => ((LocalActorRef)actor).MailboxCount == 0);
        for (var i = 1; i <= 1000; i++)
        {
            actor.Tell(i);
        }

        gate.Set();
        AwaitCondition(() => ((LocalActorRef)actor).MailboxCount == 0);
        var runs = actor.Ask<long>("runs", TimeSpan.FromSeconds(3)).Result;
        Assert.InRange(runs, minRuns, maxRuns);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_are_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "gone");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        actor.Tell("late", TestActor);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal(("late", actor), (letter.Message, letter.Recipient));
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    private sealed class SequenceChecker : ReceiveActor
    {
        public SequenceChecker(int count, IActorRef probe)
        {
            var expected = 0;
            Receive<int>(i =>
            {
                if (i != expected)
                {
                    probe.Tell($"out of order: {i} after {expected - 1}");
                }

                if (++expected == count)
                {
                    probe.Tell("in order");
                }
            });
        }
    }

    private sealed class MailboxGauge : ReceiveActor
    {
        public MailboxGauge()
        {
            var processed = 0;
            var maxDepth = 0;
            Receive<int>(_ =>
            {
                processed++;
                maxDepth = Math.Max(maxDepth, ((LocalActorRef)Self).MailboxCount);
            });
            Receive<string>(_ => Sender.Tell((processed, maxDepth)));
        }
    }

    private sealed class BlockingRecorder : ReceiveActor
    {
        public BlockingRecorder(ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<int>(i => i == 0, i =>
            {
                gate.Wait(TimeSpan.FromSeconds(10));
                probe.Tell(i);
            });
            Receive<int>(i => probe.Tell(i));
            Receive<string>(_ => Sender.Tell(((LocalActorRef)Self).Cell.Mailbox.Runs));
        }
    }
}
