namespace P2C2R.Actors.Tests;

public sealed class TellAskTests : TestKit.TestKit
{
    [Fact]
    public void Tell_delivers_with_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Equal(42, await echo.Ask<int>(42, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_timeout_gives_a_clear_exception()
    {
        var silent = Sys.ActorOf(Props.Create(() => new CountingActor(TestActor)), "silent");
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask("x", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("/user/silent", error.Message);
        Assert.Contains("timed out after 100 ms", error.Message);
    }

    [Fact]
    public async Task Ask_with_a_failure_reply_throws_its_cause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            echo.Ask(new Status.Failure(new InvalidOperationException("nope")), TimeSpan.FromSeconds(3)));
        Assert.Equal("nope", error.Message);
    }

    [Fact]
    public async Task Ask_of_the_wrong_reply_type_says_what_came_back()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", TimeSpan.FromSeconds(3)));
        Assert.Contains("expected Int32 but the reply was String", error.Message);
    }

    [Fact]
    public async Task Ask_to_a_dead_actor_fails_fast()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        echo.Tell(PoisonPill.Instance);
        ExpectTerminated(echo);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask("late", TimeSpan.FromSeconds(30)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.Contains("terminated", error.Message);
    }

    [Fact]
    public async Task Ask_racing_a_stop_fails_through_dead_letters_instead_of_timing_out()
    {
        for (var i = 0; i < 100; i++)
        {
            var actor = Sys.ActorOf(Props.Create(() => new CountingActor(Sys.DeadLetters)));
            actor.Tell(PoisonPill.Instance);
            var ask = actor.Ask("count", TimeSpan.FromSeconds(30));
            var finished = await Task.WhenAny(ask, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.Same(ask, finished);
            if (ask.IsFaulted)
            {
                Assert.IsType<AskTimeoutException>(ask.Exception!.InnerException);
            }
        }
    }

    [Fact]
    public void Implicit_sender_inside_an_actor_is_self()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var relay = Sys.ActorOf(Props.Create(() => new RelayActor(echo, TestActor)));
        relay.Tell("ping");
        ExpectMsg("ping");
        Assert.Equal(relay, LastSender);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(echo)));
        forwarder.Tell("hi", TestActor);
        ExpectMsg("hi");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Unhandled_messages_are_published()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var counter = Sys.ActorOf(Props.Create(() => new CountingActor(Sys.DeadLetters)));
        counter.Tell(3.14, TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(3.14, unhandled.Message);
        Assert.Equal(counter, unhandled.Recipient);
    }

    [Fact]
    public void Actor_names_are_unique_and_validated()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "same");
        Assert.Equal($"p2c2r://{Sys.Name}/user/same", first.Path.ToString());
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "same"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "a/b"));
    }

    [Fact]
    public void Actors_cannot_be_created_with_new()
    {
        var error = Assert.Throws<ActorInitializationException>(() => new EchoActor());
        Assert.Contains("must be created through Props", error.Message);
    }

    private sealed class RelayActor : ReceiveActor
    {
        public RelayActor(IActorRef echo, IActorRef reportTo)
        {
            Receive<string>(s => Sender.Equals(echo), s => reportTo.Tell(s));
            Receive<string>(s => echo.Tell(s));
        }
    }

    private sealed class ForwardingActor : ReceiveActor
    {
        public ForwardingActor(IActorRef target) => ReceiveAny(m => target.Forward(m, Context));
    }
}
