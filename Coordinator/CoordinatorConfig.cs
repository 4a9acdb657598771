using Akka.Configuration;
using Akka.Persistence.Sql;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Serialization;
using P2C2R.Membership;
using P2C2R.Membership.Contracts;

namespace P2C2R.Coordinator;

/// <summary>
/// The coordinator's HOCON: its built-in defaults (<c>coordinator.conf</c>, embedded) and the Akka
/// settings it needs whatever hosts it, namely our serializer bound to journal rows, messages
/// between nodes, edge contracts and member helpers' requests, and the SQL journal, snapshot store
/// and read journal. The hosting and the tests use the same settings, so what is tested is what runs.
/// </summary>
public static class CoordinatorConfig
{
    private const string SerializerType = "\"P2C2R.Coordinator.Serialization.P2C2RSerializer, Coordinator\"";

    /// <summary><c>p2c2r.coordinator</c> and <c>p2c2r.persistence</c> as built in; a host's HOCON is layered over them.</summary>
    public static Config Defaults { get; } = ConfigurationFactory.ParseString(ReadDefaults());

    /// <summary>
    /// Binds <see cref="ICoordinatorEvent"/>, <see cref="ICoordinatorMessage"/>, the edge contracts and
    /// <see cref="IMemberHelperMessage"/> to <see cref="P2C2RSerializer"/> (id 7701).
    /// </summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.p2c2r = {{SerializerType}}
          serialization-identifiers { {{SerializerType}} = {{P2C2RSerializer.Id}} }
          serialization-bindings {
            "P2C2R.Coordinator.Persistence.ICoordinatorEvent, Coordinator" = p2c2r
            "P2C2R.Protocol.Contracts.IEdgeMessage, P2C2R.Protocol" = p2c2r
            "P2C2R.Coordinator.Serialization.ICoordinatorMessage, Coordinator" = p2c2r
            "P2C2R.Membership.Contracts.IMemberHelperMessage, P2C2R.Membership" = p2c2r
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

    /// <summary>The cluster's failure detection and downing timings (<see cref="ClusterMembership.Timings"/>).</summary>
    public static Config Cluster => ClusterMembership.Timings;

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
