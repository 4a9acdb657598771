using Akka.Configuration;
using Akka.Persistence.Sql;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Serialization;

namespace P2C2R.Coordinator;

/// <summary>
/// The coordinator's HOCON: its built-in defaults (<c>coordinator.conf</c>, embedded) and the Akka
/// settings it needs whatever hosts it, namely our serializer bound to journal rows, messages
/// between nodes and edge contracts, and the SQL journal, snapshot store and read journal. The hosting and the tests
/// use the same settings, so what is tested is what runs.
/// </summary>
public static class CoordinatorConfig
{
    private const string SerializerType = "\"P2C2R.Coordinator.Serialization.P2C2RSerializer, Coordinator\"";

    /// <summary><c>p2c2r.coordinator</c> and <c>p2c2r.persistence</c> as built in; a host's HOCON is layered over them.</summary>
    public static Config Defaults { get; } = ConfigurationFactory.ParseString(ReadDefaults());

    /// <summary>Binds <see cref="ICoordinatorEvent"/>, <see cref="ICoordinatorMessage"/> and the edge contracts to <see cref="P2C2RSerializer"/> (id 7701).</summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.p2c2r = {{SerializerType}}
          serialization-identifiers { {{SerializerType}} = {{P2C2RSerializer.Id}} }
          serialization-bindings {
            "P2C2R.Coordinator.Persistence.ICoordinatorEvent, Coordinator" = p2c2r
            "P2C2R.Protocol.Contracts.IEdgeMessage, P2C2R.Protocol" = p2c2r
            "P2C2R.Coordinator.Serialization.ICoordinatorMessage, Coordinator" = p2c2r
          }
        }
        """);

    /// <summary>
    /// Akka.Persistence.Sql as the default journal and snapshot store on <paramref name="storage"/>,
    /// tables created on first use, with the plugin's own defaults beneath (plain HOCON does not
    /// inject them).
    /// </summary>
    public static Config Persistence(StorageSettings storage)
    {
        var connection = Quote(storage.OpenConnectionString());
        var provider = Quote(storage.ProviderName);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql { connection-string = {{connection}}, provider-name = {{provider}}, auto-initialize = on }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { connection-string = {{connection}}, provider-name = {{provider}}, auto-initialize = on }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                write-plugin = "akka.persistence.journal.sql"
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// How fast the cluster gives up on a node that stopped answering, so its sessions restart on
    /// the survivors within seconds (Akka's defaults take over 20 s): nodes beat twice a second,
    /// a node silent for 2.5 s past a beat is unreachable, the split-brain resolver downs it once membership has been stable
    /// for 1.5 s more, the leader gossips and acts twice a second so it is removed soon after, and
    /// shard regions ask for the new homes of its shards every second. A shorter silence was tried
    /// and taken back: on a loaded two-core machine, nodes starting up stall for over 1.5 s, and the
    /// resolver then downed healthy nodes.
    /// </summary>
    public static Config Cluster { get; } = ConfigurationFactory.ParseString("""
        akka.cluster {
          failure-detector.heartbeat-interval = 500ms
          failure-detector.acceptable-heartbeat-pause = 2.5s
          split-brain-resolver.stable-after = 1.5s
          gossip-interval = 500ms
          leader-actions-interval = 500ms
          unreachable-nodes-reaper-interval = 500ms
          sharding.retry-interval = 1s
        }
        """);

    /// <summary>Everything the coordinator's actors need from Akka on <paramref name="storage"/>.</summary>
    public static Config Akka(StorageSettings storage) => Serialization.WithFallback(Cluster).WithFallback(Persistence(storage));

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string ReadDefaults()
    {
        using var stream = typeof(CoordinatorConfig).Assembly.GetManifestResourceStream("coordinator.conf")
            ?? throw new InvalidOperationException("coordinator.conf is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
