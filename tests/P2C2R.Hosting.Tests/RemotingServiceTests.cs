using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using P2C2R.Hocon;
using P2C2R.Remote;
using P2C2R.Remote.Cluster;

namespace P2C2R.Hosting.Tests;

/// <summary>
/// The hosted actor system as the executables run it: a coordinator-like node leads the cluster,
/// a helper-like node without a listening port joins it and leaves when its host stops. The
/// leader downs a member unreachable for 2 s, so on a loaded machine that loses the graceful
/// leave the helper is still gone well within the test's 15 s.
/// </summary>
public sealed class RemotingServiceTests
{
    [Fact]
    public async Task A_helper_node_joins_the_coordinator_node_and_leaves_when_its_host_stops()
    {
        var coordinator = Start("""
            p2c2r { node.name = coordinator, remote { enabled = on, role = coordinator, port = 0 }, cluster { roles = [coordinator], down-unreachable-after = 2s } }
            """);
        try
        {
            var address = RemoteTransport.Get(coordinator.System).Address;
            var membership = ClusterNode.Get(coordinator.System);
            var helper = Start($$"""
                p2c2r {
                  node.name = helper-1
                  remote { enabled = on, role = peer, listen = off }
                  cluster { roles = [peer], seed-nodes = ["{{address}}"], retry-join-interval = 200ms }
                }
                """);

            await Eventually(() => membership.Members.Any(m => m.Address.System == "helper-1" && m.Status == MemberStatus.Up && m.HasRole("peer")));
            Assert.Equal(0, RemoteTransport.Get(helper.System).Address.Port);

            await helper.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            await Eventually(() => membership.Members.All(m => m.Address.System != "helper-1"));
        }
        finally
        {
            await coordinator.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static ActorSystemService Start(string hocon)
    {
        var config = Config.Parse(hocon).WithFallback(NodeConfiguration.Load("testnode", typeof(RemotingServiceTests).Assembly, null, Path.GetTempPath()));
        var service = new ActorSystemService("testnode", config, NullLoggerFactory.Instance, []);
        service.StartAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(10));
        return service;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the condition did not hold within 15 s");
            await Task.Delay(20);
        }
    }
}
