namespace P2C2R.Remote.Tests;

public class RemoteMessagingTests : RemoteTestKit
{
    [Fact]
    public void Tell_reaches_an_actor_of_another_system_and_the_reply_comes_back()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var remoteEcho = RefFrom(Remote, otherRemote, echo);

        remoteEcho.Tell(new Ping(7), TestActor);

        ExpectMsg<Pong>(p => p.Sequence == 7);
        Assert.IsType<RemoteActorRef>(LastSender);
        Assert.Equal(echo.Path.Elements, LastSender.Path.Elements);
    }

    [Fact]
    public void An_actor_created_after_messages_to_its_path_went_to_dead_letters_receives_the_next_ones()
    {
        var (other, otherRemote) = StartSystem("other");
        var early = Remote.ResolveRef($"{otherRemote.Address}/user/late");
        var deadLetters = CreateTestProbe(other);
        other.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        early.Tell(new Ping(1), TestActor);
        deadLetters.ExpectMsg<DeadLetter>();
        other.ActorOf(Props.Create<EchoActor>(), "late");
        early.Tell(new Ping(2), TestActor);

        ExpectMsg<Pong>(p => p.Sequence == 2);
    }

    [Fact]
    public async Task Ask_over_the_wire_completes_with_the_reply()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");

        var reply = await RefFrom(Remote, otherRemote, echo).Ask<Text>(new Text("hello"), TimeSpan.FromSeconds(5));

        Assert.Equal("hello", reply.Value);
    }

    [Fact]
    public void A_ref_inside_a_message_is_usable_for_the_reply()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var probe = CreateTestProbe();

        RefFrom(Remote, otherRemote, echo).Tell(new ReplyVia(probe.Ref, "q1"), TestActor);

        probe.ExpectMsg<Text>(t => t.Value == "answer to q1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Messages_between_two_systems_keep_their_order()
    {
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);
        var target = RefFrom(Remote, otherRemote, probe.Ref);

        for (var i = 0; i < 2000; i++)
        {
            target.Tell(new Ping(i), TestActor);
        }

        for (var i = 0; i < 2000; i++)
        {
            Assert.Equal(i, probe.ExpectMsg<Ping>().Sequence);
        }
    }

    [Fact]
    public void A_system_without_a_listener_receives_over_the_connection_it_dialled()
    {
        var (helper, helperRemote) = StartSystem("helper", "p2c2r.remote.listen = off");
        Assert.Equal(0, helperRemote.Address.Port);
        Assert.Null(helperRemote.BoundEndpoint);
        var coordinatorEcho = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var helperProbe = CreateTestProbe(helper);

        RefFrom(helperRemote, Remote, coordinatorEcho).Tell(new ReplyVia(helperProbe.Ref, "tasks?"), helperProbe.Ref);

        helperProbe.ExpectMsg<Text>(t => t.Value == "answer to tasks?");
        var helperRefSeenHere = Remote.ResolveRef(helperRemote.WireForm(helperProbe.Ref));
        helperRefSeenHere.Tell(new Ping(5), TestActor);
        helperProbe.ExpectMsg<Ping>(p => p.Sequence == 5);
        Assert.Single(Remote.ConnectedSystems);
    }

    [Fact]
    public void Both_systems_share_one_connection_whoever_dials_first()
    {
        var (other, otherRemote) = StartSystem("other");
        var probeHere = CreateTestProbe();
        var probeThere = CreateTestProbe(other);

        RefFrom(Remote, otherRemote, probeThere.Ref).Tell(new Ping(1), probeHere.Ref);
        RefFrom(otherRemote, Remote, probeHere.Ref).Tell(new Ping(2), probeThere.Ref);

        probeThere.ExpectMsg<Ping>(p => p.Sequence == 1);
        probeHere.ExpectMsg<Ping>(p => p.Sequence == 2);
        AwaitAssert(() =>
        {
            Assert.Single(Remote.ConnectedSystems);
            Assert.Single(otherRemote.ConnectedSystems);
        });
    }

    [Fact]
    public void An_unregistered_message_type_goes_to_dead_letters_and_the_association_keeps_working()
    {
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);
        var target = RefFrom(Remote, otherRemote, probe.Ref);

        Logs.Error("not registered").ExpectOne(() => target.Tell(new Unregistered(1), TestActor));
        target.Tell(new Ping(2), TestActor);

        probe.ExpectMsg<Ping>(p => p.Sequence == 2);
    }

    [Fact]
    public void Large_messages_arrive_whole()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(data);

        RefFrom(Remote, otherRemote, echo).Tell(new Blob(data), TestActor);

        ExpectMsg<Text>(t => t.Value == $"blob {data.Length}", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_message_to_an_actor_that_does_not_exist_is_a_dead_letter_there()
    {
        var (other, otherRemote) = StartSystem("other");
        var missing = Remote.ResolveRef($"{otherRemote.Address}/user/nobody");

        AwaitCondition(() =>
        {
            missing.Tell(new Ping(1), TestActor);
            return other.DeadLetterCount > 0;
        });
    }
}

public class AdvertisedAddressTests() : RemoteTestKit("p2c2r.remote { hostname = localhost, bind-hostname = 127.0.0.1 }")
{
    [Fact]
    public void A_system_advertises_its_public_name_while_binding_elsewhere()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);

        Assert.Equal("localhost", Remote.Address.Host);
        Assert.Equal("127.0.0.1", ((System.Net.IPEndPoint)Remote.BoundEndpoint!).Address.ToString());
        Assert.StartsWith("p2c2r.tcp://" + Sys.Name + "@localhost:", Remote.WireForm(echo));
        RefFrom(otherRemote, Remote, echo).Tell(new Ping(9), probe.Ref);

        probe.ExpectMsg<Pong>(p => p.Sequence == 9);
    }
}

[Collection(TimingSensitive.Name)]
public class BatchingAndReconnectTests() : RemoteTestKit("p2c2r.remote.heartbeat-interval = 10s")
{
    [Fact]
    public void Under_load_many_frames_share_one_send_and_a_lone_message_is_sent_by_itself()
    {
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);
        var target = RefFrom(Remote, otherRemote, probe.Ref);
        target.Tell(new Ping(-1), TestActor);
        probe.ExpectMsg<Ping>();
        var (framesBefore, flushesBefore) = Remote.WriteStatistics(otherRemote.Address);

        for (var i = 0; i < 20_000; i++)
        {
            target.Tell(new Ping(i), TestActor);
        }

        probe.ReceiveN(20_000, TimeSpan.FromSeconds(20));
        var (frames, flushes) = Remote.WriteStatistics(otherRemote.Address);
        var perSend = (frames - framesBefore) / (double)(flushes - flushesBefore);
        Assert.True(perSend > 10, $"{perSend:0.0} frames per send under load");

        var (framesIdle, flushesIdle) = Remote.WriteStatistics(otherRemote.Address);
        target.Tell(new Ping(1_000_000), TestActor);
        probe.ExpectMsg<Ping>(p => p.Sequence == 1_000_000);
        Assert.Equal((framesIdle + 1, flushesIdle + 1), Remote.WriteStatistics(otherRemote.Address));
    }

    [Fact]
    public void Bursts_separated_by_pauses_are_never_stranded_in_the_queue()
    {
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);
        var target = RefFrom(Remote, otherRemote, probe.Ref);

        for (var round = 0; round < 300; round++)
        {
            for (var i = 0; i < 1 + (round % 40); i++)
            {
                target.Tell(new Ping(i), TestActor);
            }

            probe.ReceiveN(1 + (round % 40), TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void After_a_dropped_connection_the_next_message_reconnects()
    {
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);
        var target = RefFrom(Remote, otherRemote, probe.Ref);
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(Disassociated));
        target.Tell(new Ping(1), TestActor);
        probe.ExpectMsg<Ping>();

        Remote.AssociationFor(otherRemote.Address).DropConnection();
        events.ExpectMsg<Disassociated>();
        target.Tell(new Ping(2), TestActor);

        probe.ExpectMsg<Ping>(p => p.Sequence == 2, TimeSpan.FromSeconds(5));
        Assert.Single(Remote.ConnectedSystems);
    }
}

[Collection(TimingSensitive.Name)]
public class IdleAssociationTests() : RemoteTestKit("p2c2r.remote.idle-association-timeout = 300ms")
{
    [Fact]
    public void A_helper_that_left_leaves_no_association_behind_and_a_stale_ref_still_reaches_its_successor()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var port = FreePort.Next();
        var (first, firstRemote) = StartSystem("comer", $"p2c2r.remote.port = {port}");
        var probe = CreateTestProbe(first);
        RefFrom(firstRemote, Remote, echo).Tell(new Ping(1), probe.Ref);
        probe.ExpectMsg<Pong>();
        var staleRef = Remote.ResolveRef($"{firstRemote.Address}/user/late");
        Assert.Equal(1, Remote.AssociationCount);

        first.Terminate().Wait(TimeSpan.FromSeconds(10));

        AwaitCondition(() => Remote.AssociationCount == 0, TimeSpan.FromSeconds(5), "the association to the departed system was not retired");
        var (second, _) = StartSystem("comer", $"p2c2r.remote.port = {port}");
        var late = CreateTestProbe(second);
        second.ActorOf(Props.Create(() => new Forwarder(late.Ref)), "late");
        staleRef.Tell(new Ping(2), TestActor);
        late.ExpectMsg<Ping>(p => p.Sequence == 2, TimeSpan.FromSeconds(5));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Tell(m, Sender));
    }
}
