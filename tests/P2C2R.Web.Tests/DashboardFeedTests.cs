using Akka.Cluster.Tools.PublishSubscribe;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Web.Dashboard;

namespace P2C2R.Web.Tests;

/// <summary>
/// The dashboard's feed with probes for the registry, the scheduler and the pub-sub mediator: every
/// second it publishes this node's view on its topic, a helper's row carrying the scheduler's round
/// trips and its validated results per second, and hands the merged snapshot to the page.
/// </summary>
public sealed class DashboardFeedTests() : Akka.TestKit.Xunit2.TestKit("""
    akka.loglevel = WARNING
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp.hostname = 127.0.0.1
    akka.remote.dot-netty.tcp.port = 0
    """)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_helpers_round_trips_and_validated_rate_are_published_to_every_node_and_shown()
    {
        var (registry, ledger, scheduler, mediator) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var state = new DashboardState();
        var feed = Sys.ActorOf(DashboardFeed.Props(state, registry.Ref, ledger.Ref, scheduler.Ref, mediator.Ref));
        registry.ExpectMsg<SubscribeHelpers>(Timeout);
        Assert.Equal(DashboardFeed.Topic, mediator.ExpectMsg<Subscribe>(Timeout).Topic);
        feed.Tell(new HelperDirectory([Helper(validated: 10)]), registry.Ref);

        scheduler.ExpectMsg<QueryHelperLatencies>(Timeout);
        scheduler.Reply(new HelperLatencies(new Dictionary<long, HelperLatency> { [7] = new(20, 40, 5) }));
        var first = Assert.IsType<NodeView>(mediator.ExpectMsg<Publish>(Timeout).Message);
        feed.Tell(new HelperDirectory([Helper(validated: 30)]), registry.Ref);
        var later = mediator.FishForMessage<Publish>(p => p.Message is NodeView { Helpers: [{ ValidatedPerSecond: > 0 }] }, Timeout);

        var row = Assert.Single(((NodeView)later.Message).Helpers);
        Assert.Equal(0, Assert.Single(first.Helpers).ValidatedPerSecond);
        Assert.Equal((20.0, 40.0), (row.LatencyMeanMs, row.LatencyP95Ms));
        Assert.InRange(row.ValidatedPerSecond, 5, 40);
        Assert.Equal((1, 0), (first.HelperCount, first.SessionCount));
        AwaitCondition(() => state.Latest is not null, Timeout);
        var shown = state.Latest!;
        Assert.Equal(first.Node, Assert.Single(shown.Nodes).Address);
        Assert.Equal((7L, first.Node), (Assert.Single(shown.Helpers).Id, shown.Helpers[0].Node));
    }

    /// <summary>A node with more helpers than a view carries publishes the first <see cref="NodeView.MaxRows"/> and counts them all.</summary>
    [Fact]
    public void A_view_carries_at_most_its_maximum_of_rows_and_counts_them_all()
    {
        var (registry, mediator) = (CreateTestProbe(), CreateTestProbe());
        var state = new DashboardState();
        var feed = Sys.ActorOf(DashboardFeed.Props(state, registry.Ref, CreateTestProbe().Ref, CreateTestProbe().Ref, mediator.Ref));
        registry.ExpectMsg<SubscribeHelpers>(Timeout);
        feed.Tell(new HelperDirectory([.. Enumerable.Range(1, NodeView.MaxRows + 5).Select(id => Helper(0) with { Id = id })]), registry.Ref);

        var view = (NodeView)mediator.FishForMessage<Publish>(p => p.Message is NodeView, Timeout).Message;

        Assert.Equal((NodeView.MaxRows, NodeView.MaxRows + 5), (view.Helpers.Length, view.HelperCount));
        AwaitCondition(() => state.Latest is not null, Timeout);
        Assert.Equal(NodeView.MaxRows + 5, Assert.Single(state.Latest!.Nodes).Helpers);
    }

    private HelperView Helper(long validated) =>
        new(7, TestActor, "h7", "vol", "host-vol", 0.9, Trusted: true, Quarantined: false, Capacity: 2, Active: 1, FrameMs: 4, TaskTypes: ["ai.dialogue"]) { Validated = validated };
}
