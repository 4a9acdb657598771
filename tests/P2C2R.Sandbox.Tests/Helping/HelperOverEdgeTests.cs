using Akka.Actor;
using System.Security.Cryptography;
using P2C2R.Edge.Blobs;
using P2C2R.Edge.Client;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;
using P2C2R.Tasks.Golden;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>The helper with its real edge client against a real in-process edge server.</summary>
public sealed class HelperOverEdgeTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Terrain = "world.terrain";

    [Fact]
    public async Task A_helper_registers_fetches_a_blob_answers_its_task_and_leaves_after_draining()
    {
        var coordinator = CreateTestProbe();
        coordinator.IgnoreMessages(message => message is HelperLoad);
        await using var edge = await InProcessEdge.StartAsync(Sys, coordinator.Ref);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = new EdgeClientSettings([CoordinatorAddress.Parse($"127.0.0.1:{edge.Port}")], EdgeRole.Helper, "edge-helper", key)
        {
            LocalAddress = InProcessEdge.SecondLoopback,
        };
        var capabilities = new HelperCapabilities("edge-helper", 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5.0, 1);
        var helper = Sys.ActorOf(HelperActor.Props(new HelperOptions(capabilities), new InProcessRunner(), handler => EdgeClientActor.Props(client, handler)));

        var connected = coordinator.ExpectMsg<InProcessEdge.PeerConnected>(TimeSpan.FromSeconds(10));
        Assert.Equal(EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo()), connected.Peer.Account);
        Assert.Equal(InProcessEdge.SecondLoopback, connected.Peer.Remote.Address);
        Assert.Equal("edge-helper", coordinator.ExpectMsg<RegisterHelper>().Capabilities.Name);
        connected.Connection.Tell(new HelperAccepted(1, 0));
        var input = GoldenInputs.For(Terrain);
        var digest = BlobDigest.Of(input);
        connected.Connection.Tell(new AssignTask(5, Terrain, [], 30_000, [new BlobSplice(0, digest)]));
        Assert.Equal(digest, Assert.Single(coordinator.ExpectMsg<BlobRequest>().Digests));
        connected.Connection.Tell(new BlobData(digest, input));

        var result = coordinator.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10));
        Assert.Equal((5L, TaskResultStatus.Ok), (result.TaskId, result.Status));
        Assert.Equal(GoldenHashes.ByTask[Terrain].Output, ResultHash.Of(result.Output));

        helper.Tell(new Drain(TimeSpan.FromSeconds(5)), TestActor);
        Assert.Equal(new Drained(1, 0), ExpectMsg<Drained>(TimeSpan.FromSeconds(5)));
        coordinator.FishForMessage<InProcessEdge.PeerGone>(gone => gone.ConnectionId == connected.Peer.ConnectionId, TimeSpan.FromSeconds(5));
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }
}
