using System.Net;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.Hosting;
using P2C2R.Membership;
using P2C2R.PeerNode.Sandboxing;
using P2C2R.PeerNode.Startup;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>The helper's settings as an operator writes them: defaults, the command line's strings, and mistakes caught at start.</summary>
public sealed class PeerSettingsTests
{
    [Fact]
    public void Defaults_dial_the_local_coordinator_with_the_users_helper_key_from_any_local_address()
    {
        var settings = PeerSettings.From(Load());

        Assert.Equal([new CoordinatorAddress("127.0.0.1", 8765)], settings.Coordinators);
        Assert.Equal(IdentityStore.DefaultPath("helper"), settings.IdentityPath);
        Assert.Null(settings.LocalAddress);
        Assert.Null(settings.AdmissionToken);
        Assert.Equal(256L << 20, settings.BlobCacheBytes);
        Assert.Equal(Environment.ProcessorCount, settings.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.DrainTimeout);
        Assert.Null(settings.Cluster);
        Assert.False(settings.PublicName);
    }

    [Fact]
    public void Seeds_make_a_member_helper_of_the_coordinators_cluster_on_its_own_address()
    {
        var settings = PeerSettings.From(Load(new()
        {
            [NodeConfiguration.NodeNamePath] = ClusterNames.SystemName,
            ["p2c2r.peer.cluster.seed-nodes"] = "akka.tcp://coordinator@10.0.0.1:4053, akka.tcp://coordinator@10.0.0.2:4053",
            ["p2c2r.peer.cluster.hostname"] = "10.0.0.9",
            ["p2c2r.peer.cluster.port"] = "4054",
        }));

        var cluster = Assert.IsType<ClusterNodeSettings>(settings.Cluster);
        Assert.Equal(["akka.tcp://coordinator@10.0.0.1:4053", "akka.tcp://coordinator@10.0.0.2:4053"], cluster.SeedNodes);
        Assert.Equal(("10.0.0.9", 4054, null as string), (cluster.Hostname, cluster.Port, cluster.TlsCertificate));
    }

    [Fact]
    public void A_member_helper_whose_system_is_not_named_like_the_coordinators_stops_at_start_saying_so()
    {
        var error = Assert.Throws<ConfigurationException>(() => PeerSettings.From(Load(new() { ["p2c2r.peer.cluster.seed-nodes"] = "akka.tcp://coordinator@10.0.0.1:4053" })));

        Assert.Contains($"{NodeConfiguration.NodeNamePath} = {ClusterNames.SystemName}", error.Message);
    }

    [Fact]
    public void Command_line_strings_set_several_coordinators_in_order_an_address_a_token_sizes_and_the_public_name()
    {
        var config = Load(new()
        {
            ["p2c2r.peer.coordinator"] = "coord-a:9000, [::1]:9001",
            ["p2c2r.peer.local-address"] = "127.0.0.3",
            ["p2c2r.peer.admission-token"] = "s3cret",
            ["p2c2r.peer.identity"] = "/tmp/h.key",
            ["p2c2r.peer.concurrency"] = "3",
            ["p2c2r.peer.blob-cache-bytes"] = "1MiB",
            ["p2c2r.peer.public-name"] = "on",
        });

        var settings = PeerSettings.From(config);

        Assert.Equal([new CoordinatorAddress("coord-a", 9000), new CoordinatorAddress("::1", 9001)], settings.Coordinators);
        Assert.Equal(IPAddress.Parse("127.0.0.3"), settings.LocalAddress);
        Assert.Equal("s3cret", settings.AdmissionToken);
        Assert.Equal("/tmp/h.key", settings.IdentityPath);
        Assert.Equal((3, 3), (settings.Concurrency, SandboxSettings.From(config).Workers));
        Assert.Equal(1L << 20, settings.BlobCacheBytes);
        Assert.True(settings.PublicName);
    }

    [Theory]
    [InlineData("p2c2r.peer.coordinator", "no-port", "p2c2r.peer.coordinator")]
    [InlineData("p2c2r.peer.coordinator", " , ", "names no coordinator")]
    [InlineData("p2c2r.peer.local-address", "localhost-ish", "p2c2r.peer.local-address")]
    [InlineData("p2c2r.peer.blob-cache-bytes", "lots", "p2c2r.peer.blob-cache-bytes = \"lots\"")]
    [InlineData("p2c2r.peer.concurrency", "many", "p2c2r.peer.concurrency = \"many\"")]
    public void A_mistake_stops_the_helper_at_start_naming_the_setting(string path, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => PeerSettings.From(Load(new() { [path] = value })));

        Assert.Contains(expected, error.Message);
    }

    private static Config Load(Dictionary<string, string>? overrides = null) =>
        NodeConfiguration.ForTests("peer", typeof(PeerSettings).Assembly, overrides ?? []);
}
