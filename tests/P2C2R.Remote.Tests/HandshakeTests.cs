namespace P2C2R.Remote.Tests;

[Collection(TimingSensitive.Name)]
public class HandshakeTests() : RemoteTestKit("p2c2r.remote.auth-token = \"s3cret\"")
{
    [Fact]
    public void A_bad_token_is_refused_and_both_sides_log_the_reason()
    {
        _ = Remote;
        var (_, intruder) = StartSystem("intruder", "p2c2r.remote.auth-token = \"guess\"");
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(AssociationRefused));
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        Logs.Warning("invalid auth token").Expect(2, () => RefFrom(intruder, Remote, echo).Tell(new Ping(1), ActorRefs.NoSender));

        Assert.Equal("invalid auth token", probe.ExpectMsg<AssociationRefused>().Reason);
        Assert.Empty(Remote.ConnectedSystems);
    }

    [Fact]
    public void The_right_token_is_accepted()
    {
        var (other, otherRemote) = StartSystem("friend", "p2c2r.remote.auth-token = \"s3cret\"");
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var probe = CreateTestProbe(other);

        RefFrom(otherRemote, Remote, echo).Tell(new Ping(3), probe.Ref);

        probe.ExpectMsg<Pong>(p => p.Sequence == 3);
    }

    [Fact]
    public void A_system_restarted_at_the_same_address_is_a_new_incarnation()
    {
        var port = FreePort.Next();
        var config = $"p2c2r.remote {{ port = {port}, auth-token = \"s3cret\" }}";
        var (first, firstRemote) = StartSystem("restarting", config);
        first.ActorOf(Props.Create<EchoActor>(), "echo");
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(IncarnationReplaced));
        Remote.ResolveRef($"{firstRemote.Address}/user/echo").Tell(new Ping(1), TestActor);
        ExpectMsg<Pong>();
        var oldIncarnationEcho = LastSender;
        Watch(oldIncarnationEcho);
        first.Terminate().Wait(TimeSpan.FromSeconds(10));

        var (second, secondRemote) = StartSystem("restarting", config);
        second.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.Equal(firstRemote.Address, secondRemote.Address);

        // Delivery is at most once: a ping written while the old connection was closing is lost, so it is sent again until answered.
        var (ponged, oldTerminated) = (false, false);
        AwaitAssert(() =>
        {
            while (PendingCount > 0)
            {
                var message = ReceiveOne();
                ponged |= message is Pong { Sequence: 2 };
                oldTerminated |= message is Terminated t && t.ActorRef.Equals(oldIncarnationEcho);
            }

            if (!ponged)
            {
                Remote.ResolveRef($"{secondRemote.Address}/user/echo").Tell(new Ping(2), TestActor);
            }

            Assert.True(ponged && oldTerminated, $"pong {ponged}, old incarnation terminated {oldTerminated}");
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
        var replaced = events.ExpectMsg<IncarnationReplaced>();
        Assert.Equal(second.Uid, replaced.NewUid);
        Assert.Equal(first.Uid, replaced.OldUid);
        var deadBefore = Sys.DeadLetterCount;
        var third = CreateTestProbe();
        oldIncarnationEcho.Tell(new Ping(3), third.Ref);
        AwaitCondition(() => Sys.DeadLetterCount > deadBefore);
        third.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
