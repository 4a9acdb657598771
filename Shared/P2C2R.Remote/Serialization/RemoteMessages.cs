using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Cluster;

namespace P2C2R.Remote.Serialization;

/// <summary>
/// The runtime's own message types and their ids (below <see cref="MessageRegistry.FirstApplicationId"/>).
/// Ids 1–3 are DeathWatch envelopes with no body (see docs/PROTOCOL.md). Every layout here is
/// an array of fields in the order written.
/// </summary>
public sealed class RemoteMessages : IMessageCatalog
{
    public static readonly RemoteMessages Catalog = new();

    public void Register(MessageRegistryBuilder builder)
    {
        builder.Add<Status.Failure>(4, "status.failure", 2,
            (ref MessagePackWriter w, Status.Failure f, WireContext _) =>
            {
                w.Write(f.Cause is RemoteFailureException remote ? remote.RemoteType : f.Cause.GetType().Name);
                w.Write(f.Cause is RemoteFailureException forwarded ? forwarded.RemoteMessage : f.Cause.Message);
            },
            (ref MessagePackReader r, WireContext _) =>
            {
                var type = r.ReadString() ?? "";
                return new Status.Failure(new RemoteFailureException(type, r.ReadString() ?? ""));
            });
        builder.Add<Join>(10, "cluster.join", 3,
            (ref MessagePackWriter w, Join j, WireContext _) =>
            {
                w.Write(j.Address.ToString());
                w.Write(j.Uid);
                WriteStrings(ref w, j.Roles);
            },
            (ref MessagePackReader r, WireContext _) => new Join(ReadAddress(ref r), r.ReadInt64(), ReadStrings(ref r)));
        builder.Add<Welcome>(11, "cluster.welcome", 1,
            (ref MessagePackWriter w, Welcome m, WireContext _) => WriteGossip(ref w, m.Gossip),
            (ref MessagePackReader r, WireContext _) => new Welcome(ReadGossip(ref r)));
        builder.Add<Gossip>(12, "cluster.gossip", 3,
            (ref MessagePackWriter w, Gossip g, WireContext _) => WriteGossipFields(ref w, g),
            (ref MessagePackReader r, WireContext _) => ReadGossipFields(ref r));
        builder.Add<Leave>(13, "cluster.leave", 1,
            (ref MessagePackWriter w, Leave l, WireContext _) => w.Write(l.Address.ToString()),
            (ref MessagePackReader r, WireContext _) => new Leave(ReadAddress(ref r)));
    }

    private static void WriteGossip(ref MessagePackWriter writer, Gossip gossip)
    {
        writer.WriteArrayHeader(3);
        WriteGossipFields(ref writer, gossip);
    }

    private static void WriteGossipFields(ref MessagePackWriter writer, Gossip gossip)
    {
        writer.Write(gossip.LeaderUid);
        writer.Write(gossip.Version);
        writer.WriteArrayHeader(gossip.Members.Count);
        foreach (var member in gossip.Members)
        {
            writer.WriteArrayHeader(5);
            writer.Write(member.Address.ToString());
            writer.Write(member.Uid);
            writer.Write((int)member.Status);
            WriteStrings(ref writer, member.Roles);
            writer.Write(member.Reachable);
        }
    }

    private static Gossip ReadGossip(ref MessagePackReader reader)
    {
        var offset = reader.Offset;
        if (reader.ReadArrayHeader() < 3)
        {
            throw new WireFormatException("gossip has 3 fields", offset);
        }

        return ReadGossipFields(ref reader);
    }

    private static Gossip ReadGossipFields(ref MessagePackReader reader)
    {
        var leader = reader.ReadInt64();
        var version = reader.ReadInt64();
        var count = reader.ReadArrayHeader();
        var members = new Member[count];
        reader.EnterNested();
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Offset;
            var fields = reader.ReadArrayHeader();
            if (fields < 5)
            {
                throw new WireFormatException("a member has 5 fields", offset);
            }

            var address = ReadAddress(ref reader);
            var uid = reader.ReadInt64();
            var statusOffset = reader.Offset;
            var status = reader.ReadInt32();
            if (status is < 0 or > (int)MemberStatus.Removed)
            {
                throw new WireFormatException($"member status {status} is not defined", statusOffset);
            }

            members[i] = new Member(address, uid, (MemberStatus)status, ReadStrings(ref reader), reader.ReadBoolean());
            for (var extra = 5; extra < fields; extra++)
            {
                reader.Skip();
            }
        }

        reader.ExitNested();
        return new Gossip(leader, version, members);
    }

    private static void WriteStrings(ref MessagePackWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteArrayHeader(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(ref MessagePackReader reader)
    {
        var values = new string[reader.ReadArrayHeader()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString() ?? "";
        }

        return values;
    }

    private static Address ReadAddress(ref MessagePackReader reader)
    {
        var offset = reader.Offset;
        var text = reader.ReadString() ?? "";
        return Address.TryParse(text, out var address, out var length) && length == text.Length
            ? address
            : throw new WireFormatException($"[{text}] is not an address", offset);
    }
}

/// <summary>A failure reported by another system: its exception's type name and message, never the type itself.</summary>
public sealed class RemoteFailureException(string remoteType, string message) : Exception($"{remoteType}: {message}")
{
    public string RemoteType { get; } = remoteType;

    public string RemoteMessage { get; } = message;
}
