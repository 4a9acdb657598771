using Akka.Hosting;
using P2C2R.Membership;
using P2C2R.Membership.Serialization;

namespace P2C2R.PeerNode.Membership;

/// <summary>
/// Makes a helper's actor system a member of the coordinators' cluster with role <c>helper</c>:
/// the remoting, failure detection and split-brain resolver every member runs
/// (<see cref="ClusterMembership.WithP2C2RCluster"/>), and our serializer for every message it
/// exchanges with coordinators (<see cref="MemberHelperSerializer"/>). Only for operator-owned
/// helpers on the coordinators' private network: Akka.Remote trusts whoever reaches its port.
/// </summary>
public static class MemberHelperHosting
{
    public static AkkaConfigurationBuilder WithMemberHelperCluster(this AkkaConfigurationBuilder akka, ClusterNodeSettings cluster) =>
        akka
            .AddHocon(MemberHelperSerializer.Bindings, HoconAddMode.Prepend)
            .WithP2C2RCluster(cluster, ClusterNames.HelperRole);
}
