using System.Runtime.Serialization;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using P2C2R.Coordinator.Serialization;
using P2C2R.Membership.Contracts;
using P2C2R.Membership.Serialization;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// A member helper's serializer speaks the coordinator's for everything they exchange over
/// Akka.Remote (same identifier, manifests and bytes), is bound to all of it so nothing falls back
/// on JSON, and knows nothing else: a coordinator's journal rows and node messages are refused.
/// </summary>
public sealed class MemberHelperSerializerTests() : TestKit(MemberHelperSerializer.Bindings.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING")))
{
    private static readonly object[] Exchanged = [.. SerializerTests.Samples.Where(s => s is IEdgeMessage or IMemberHelperMessage)];

    [Fact]
    public void Every_edge_contract_and_member_request_is_bound_to_it_and_reads_and_writes_what_the_coordinator_does()
    {
        var helper = Serializer();
        using var coordinatorSystem = ActorSystem.Create("coordinator-side", CoordinatorConfig.Serialization);
        var coordinator = CoordinatorSerializer(coordinatorSystem);
        Assert.Equal(
            MemberHelperSerializer.Table().Select(e => e.Manifest).Order(StringComparer.Ordinal),
            Exchanged.Select(helper.Manifest).Order(StringComparer.Ordinal));
        Assert.Equal(coordinator.Identifier, helper.Identifier);

        foreach (var sample in Exchanged)
        {
            Assert.Same(helper, Sys.Serialization.FindSerializerFor(sample));
            var manifest = helper.Manifest(sample);
            var bytes = helper.ToBinary(sample);

            Assert.Equal(coordinator.Manifest(sample), manifest);
            Assert.Equal(coordinator.ToBinary(sample), bytes);
            Assert.Equal(bytes, coordinator.ToBinary(coordinator.FromBinary(bytes, manifest)));
            Assert.Equal(bytes, helper.ToBinary(helper.FromBinary(bytes, manifest)));
        }
    }

    [Fact]
    public void A_coordinators_journal_rows_and_node_messages_are_unknown_to_it()
    {
        var helper = Serializer();
        using var coordinatorSystem = ActorSystem.Create("coordinator-side", CoordinatorConfig.Serialization);
        var coordinator = CoordinatorSerializer(coordinatorSystem);
        var internals = SerializerTests.Samples.Where(s => s is not (IEdgeMessage or IMemberHelperMessage)).ToList();
        Assert.NotEmpty(internals);

        foreach (var sample in internals)
        {
            var bytes = coordinator.ToBinary(sample);
            var manifest = coordinator.Manifest(sample);

            Assert.Throws<SerializationException>(() => helper.FromBinary(bytes, manifest));
            Assert.Throws<SerializationException>(() => helper.ToBinary(sample));
        }
    }

    private static P2C2RSerializer CoordinatorSerializer(ActorSystem system) =>
        Assert.IsType<P2C2RSerializer>(system.Serialization.FindSerializerForType(typeof(JoinAsHelper)));

    private MemberHelperSerializer Serializer() => Assert.IsType<MemberHelperSerializer>(Sys.Serialization.FindSerializerForType(typeof(JoinAsHelper)));
}
