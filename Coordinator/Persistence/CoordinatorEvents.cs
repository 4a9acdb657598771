using System.Buffers;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Coordinator.Persistence;

/// <summary>
/// Layouts of the coordinator's journalled events and snapshots (ids 300–319). They never
/// travel between systems; the registry gives them the same hand-written MessagePack formats as
/// messages, and the journal stores each under its name, so renumbering never orphans data.
/// </summary>
public sealed class CoordinatorEvents : IMessageCatalog
{
    public void Register(MessageRegistryBuilder builder)
    {
        RegisterSessionEvents(builder);
        RegisterLedgerEvents(builder);
        RegisterRegistryEvents(builder);
    }

    private static void RegisterSessionEvents(MessageRegistryBuilder builder)
    {
        builder.Add<TickPlayed>(300, "session.tick-played", 3,
            (ref MessagePackWriter w, TickPlayed m, WireContext _) =>
            {
                w.Write(m.Tick);
                w.Write(m.Keys);
                w.Write(m.LastInput);
            },
            (ref MessagePackReader r, WireContext _) => new TickPlayed(r.ReadInt64(), r.ReadInt32(), r.ReadInt64()));
        builder.Add<SessionSnapshot>(301, "session.snapshot", 3,
            (ref MessagePackWriter w, SessionSnapshot m, WireContext _) =>
            {
                w.WriteBinary(m.World);
                w.Write(m.Keys);
                w.Write(m.LastInput);
            },
            (ref MessagePackReader r, WireContext _) => new SessionSnapshot(r.ReadBinary().ToArray(), r.ReadInt32(), r.ReadInt64()));
        builder.Add<SessionOpened>(302, "sessions.opened", 3,
            (ref MessagePackWriter w, SessionOpened m, WireContext _) =>
            {
                w.Write(m.SessionId);
                w.Write(m.Account);
                w.Write(m.TicksPerSecond);
            },
            (ref MessagePackReader r, WireContext _) => new SessionOpened(r.ReadString() ?? "", r.ReadString() ?? "", r.ReadInt32()));
        builder.Add<SessionClosed>(303, "sessions.closed", 1,
            (ref MessagePackWriter w, SessionClosed m, WireContext _) => w.Write(m.SessionId),
            (ref MessagePackReader r, WireContext _) => new SessionClosed(r.ReadString() ?? ""));
    }

    private static void RegisterLedgerEvents(MessageRegistryBuilder builder)
    {
        builder.Add<Posted>(310, "ledger.posted", 5,
            (ref MessagePackWriter w, Posted m, WireContext _) =>
            {
                w.Write(m.Id);
                w.Write((int)m.Kind);
                w.Write(m.Reference);
                w.Write(m.Units);
                WriteEntries(ref w, m.Entries);
            },
            (ref MessagePackReader r, WireContext _) => new Posted(r.ReadInt64(), (PostingKind)r.ReadInt32(), r.ReadString() ?? "", r.ReadInt64(), ReadEntries(ref r)));
        builder.Add<LedgerSnapshot>(311, "ledger.snapshot", 3,
            (ref MessagePackWriter w, LedgerSnapshot m, WireContext _) =>
            {
                w.Write(m.LastId);
                WriteEntries(ref w, m.Balances);
                w.WriteArrayHeader(m.Sessions.Length);
                foreach (var session in m.Sessions)
                {
                    w.WriteArrayHeader(3);
                    w.Write(session.SessionId);
                    w.Write(session.PlayedMs);
                    w.Write(session.Charged);
                }
            },
            (ref MessagePackReader r, WireContext _) =>
            {
                var lastId = r.ReadInt64();
                var balances = ReadEntries(ref r);
                var sessions = new SessionCharge[r.ReadArrayHeader()];
                for (var i = 0; i < sessions.Length; i++)
                {
                    Expect(ref r, 3);
                    sessions[i] = new SessionCharge(r.ReadString() ?? "", r.ReadInt64(), r.ReadInt64());
                }

                return new LedgerSnapshot(lastId, balances, sessions);
            });
    }

    private static void RegisterRegistryEvents(MessageRegistryBuilder builder)
    {
        builder.Add<HelperEnrolled>(315, "registry.enrolled", 2,
            (ref MessagePackWriter w, HelperEnrolled m, WireContext _) =>
            {
                w.Write(m.Key);
                w.Write(m.Id);
            },
            (ref MessagePackReader r, WireContext _) => new HelperEnrolled(r.ReadString() ?? "", r.ReadInt64()));
        builder.Add<ReputationChanged>(316, "registry.reputation", 5,
            (ref MessagePackWriter w, ReputationChanged m, WireContext _) =>
            {
                w.Write(m.Key);
                w.Write(m.Reputation);
                w.Write(m.Validated);
                w.Write(m.Rejected);
                w.Write(m.QuarantinedUntilTicks);
            },
            (ref MessagePackReader r, WireContext _) => new ReputationChanged(r.ReadString() ?? "", r.ReadDouble(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64()));
    }

    private static void WriteEntries(ref MessagePackWriter w, LedgerEntry[] entries)
    {
        w.WriteArrayHeader(entries.Length);
        foreach (var entry in entries)
        {
            w.WriteArrayHeader(2);
            w.Write(entry.Account);
            w.Write(entry.Amount);
        }
    }

    private static LedgerEntry[] ReadEntries(ref MessagePackReader r)
    {
        var entries = new LedgerEntry[r.ReadArrayHeader()];
        for (var i = 0; i < entries.Length; i++)
        {
            Expect(ref r, 2);
            entries[i] = new LedgerEntry(r.ReadString() ?? "", r.ReadInt64());
        }

        return entries;
    }

    private static void Expect(ref MessagePackReader r, int fields)
    {
        var offset = r.Offset;
        if (r.ReadArrayHeader() != fields)
        {
            throw new WireFormatException($"expected an array of {fields}", offset);
        }
    }
}
