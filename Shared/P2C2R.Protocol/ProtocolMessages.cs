using System.Buffers;
using System.Buffers.Binary;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Protocol;

/// <summary>
/// Wire ids and layouts of the application messages between coordinator, helpers and gamers
/// (ids 200–229; docs/PROTOCOL.md §11 lists them). Frames go in the bulk lane so a large frame
/// never holds up a task assignment or a heartbeat.
/// </summary>
public sealed class ProtocolMessages : IMessageCatalog
{
    public void Register(MessageRegistryBuilder builder)
    {
        RegisterHelperMessages(builder);
        RegisterSessionMessages(builder);
    }

    private static void RegisterHelperMessages(MessageRegistryBuilder builder)
    {
        builder.Add<RegisterHelper>(200, "helper.register", 9,
            (ref MessagePackWriter w, RegisterHelper m, WireContext c) =>
            {
                c.WriteRef(ref w, m.Helper);
                var caps = m.Capabilities;
                w.Write(caps.Name);
                w.Write(caps.Account);
                w.Write(caps.Cores);
                w.Write(caps.MemoryBytes);
                w.WriteArrayHeader(caps.TaskTypes.Length);
                foreach (var type in caps.TaskTypes)
                {
                    w.Write(type);
                }

                w.Write(caps.FrameMs);
                w.Write(caps.Concurrency);
                w.Write(caps.Donate);
            },
            (ref MessagePackReader r, WireContext c) =>
            {
                var helper = c.ReadRef(ref r) ?? throw new WireFormatException("helper.register needs a helper ref", r.Offset);
                var name = r.ReadString() ?? "";
                var account = r.ReadString() ?? "";
                var cores = r.ReadInt32();
                var memory = r.ReadInt64();
                var types = new string[Bounded(r.ReadArrayHeader(), 64, r.Offset)];
                for (var i = 0; i < types.Length; i++)
                {
                    types[i] = r.ReadString() ?? "";
                }

                return new RegisterHelper(helper, new HelperCapabilities(name, account, cores, memory, types, r.ReadDouble(), r.ReadInt32(), r.ReadBoolean()));
            });
        builder.Add<HelperAccepted>(201, "helper.accepted", 2,
            (ref MessagePackWriter w, HelperAccepted m, WireContext _) =>
            {
                w.Write(m.HelperId);
                w.Write(m.Credits);
            },
            (ref MessagePackReader r, WireContext _) => new HelperAccepted(r.ReadInt64(), r.ReadInt64()));
        builder.Add<HelperLoad>(202, "helper.load", 2,
            (ref MessagePackWriter w, HelperLoad m, WireContext _) =>
            {
                w.Write(m.Active);
                w.Write(m.Capacity);
            },
            (ref MessagePackReader r, WireContext _) => new HelperLoad(r.ReadInt32(), r.ReadInt32()));
        builder.Add<AssignTask>(203, "task.assign", 4,
            (ref MessagePackWriter w, AssignTask m, WireContext _) =>
            {
                w.Write(m.TaskId);
                w.Write(m.TaskType);
                w.WriteBinary(m.Input);
                w.Write(m.DeadlineMs);
            },
            (ref MessagePackReader r, WireContext _) => new AssignTask(r.ReadInt64(), r.ReadString() ?? "", r.ReadBinary().ToArray(), r.ReadInt32()));
        builder.Add<TaskResult>(204, "task.result", 5,
            (ref MessagePackWriter w, TaskResult m, WireContext _) =>
            {
                w.Write(m.TaskId);
                w.Write((int)m.Status);
                WriteBinaryOrNil(ref w, m.Output);
                w.Write(m.Reason);
                w.Write(m.ElapsedMicros);
            },
            (ref MessagePackReader r, WireContext _) => new TaskResult(r.ReadInt64(), (TaskResultStatus)r.ReadInt32(), r.ReadBinaryOrNil()?.ToArray(), r.ReadString(), r.ReadInt64()));
        builder.Add<CreditUpdate>(205, "helper.credit", 3,
            (ref MessagePackWriter w, CreditUpdate m, WireContext _) =>
            {
                w.Write(m.Credits);
                w.Write(m.Validated);
                w.Write(m.Rejected);
            },
            (ref MessagePackReader r, WireContext _) => new CreditUpdate(r.ReadInt64(), r.ReadInt64(), r.ReadInt64()));
    }

    private static void RegisterSessionMessages(MessageRegistryBuilder builder)
    {
        builder.Add<StartSession>(210, "session.start", 3,
            (ref MessagePackWriter w, StartSession m, WireContext c) =>
            {
                c.WriteRef(ref w, m.Gamer);
                w.Write(m.Account);
                w.Write(m.TicksPerSecond);
            },
            (ref MessagePackReader r, WireContext c) => new StartSession(RequiredRef(ref r, c), r.ReadString() ?? "", r.ReadInt32()));
        builder.Add<ResumeSession>(211, "session.resume", 2,
            (ref MessagePackWriter w, ResumeSession m, WireContext c) =>
            {
                w.Write(m.SessionId);
                c.WriteRef(ref w, m.Gamer);
            },
            (ref MessagePackReader r, WireContext c) => new ResumeSession(r.ReadString() ?? "", RequiredRef(ref r, c)));
        builder.Add<SessionStarted>(212, "session.started", 3,
            (ref MessagePackWriter w, SessionStarted m, WireContext c) =>
            {
                w.Write(m.SessionId);
                c.WriteRef(ref w, m.Session);
                w.Write(m.TicksPerSecond);
            },
            (ref MessagePackReader r, WireContext c) => new SessionStarted(r.ReadString() ?? "", RequiredRef(ref r, c), r.ReadInt32()));
        builder.Add<PlayerInput>(213, "session.input", 2,
            (ref MessagePackWriter w, PlayerInput m, WireContext _) =>
            {
                w.Write(m.Sequence);
                w.Write(m.Keys);
            },
            (ref MessagePackReader r, WireContext _) => new PlayerInput(r.ReadInt64(), r.ReadInt32()));
        builder.Add<FrameUpdate>(214, "session.frame", 8,
            (ref MessagePackWriter w, FrameUpdate m, WireContext _) =>
            {
                w.Write(m.Tick);
                w.Write(m.Width);
                w.Write(m.Height);
                w.Write(m.KeyFrame);
                w.WriteBinary(m.Deflate);
                w.Write(m.TickStartedUnixMicros);
                WriteCounters(ref w, m.Counters);
                w.Write(m.Caption);
            },
            (ref MessagePackReader r, WireContext _) => new FrameUpdate(r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(), r.ReadBinary().ToArray(), r.ReadInt64(), ReadCounters(ref r), r.ReadString() ?? ""),
            MessageLane.Bulk);
        builder.Add<EndSession>(215, "session.end", 1,
            (ref MessagePackWriter w, EndSession m, WireContext _) => w.Write(m.SessionId),
            (ref MessagePackReader r, WireContext _) => new EndSession(r.ReadString() ?? ""));
        builder.Add<SessionEnded>(216, "session.ended", 2,
            (ref MessagePackWriter w, SessionEnded m, WireContext _) =>
            {
                w.Write(m.SessionId);
                WriteCounters(ref w, m.Counters);
            },
            (ref MessagePackReader r, WireContext _) => new SessionEnded(r.ReadString() ?? "", ReadCounters(ref r)));
        builder.Add<QuerySession>(217, "session.query", 1,
            (ref MessagePackWriter w, QuerySession m, WireContext _) => w.Write(m.SessionId),
            (ref MessagePackReader r, WireContext _) => new QuerySession(r.ReadString() ?? ""));
        builder.Add<ListSessions>(218, "session.list", 0,
            (ref MessagePackWriter _, ListSessions _, WireContext _) => { },
            (ref MessagePackReader _, WireContext _) => new ListSessions());
        builder.Add<SessionInfo>(219, "session.info", 6,
            (ref MessagePackWriter w, SessionInfo m, WireContext _) => WriteInfo(ref w, m),
            (ref MessagePackReader r, WireContext _) => ReadInfo(ref r));
        builder.Add<SessionList>(220, "session.list-reply", 1,
            (ref MessagePackWriter w, SessionList m, WireContext _) =>
            {
                w.WriteArrayHeader(m.Sessions.Length);
                foreach (var info in m.Sessions)
                {
                    w.WriteArrayHeader(6);
                    WriteInfo(ref w, info);
                }
            },
            (ref MessagePackReader r, WireContext _) =>
            {
                var sessions = new SessionInfo[Bounded(r.ReadArrayHeader(), 10_000, r.Offset)];
                for (var i = 0; i < sessions.Length; i++)
                {
                    Bounded(r.ReadArrayHeader(), 6, r.Offset);
                    sessions[i] = ReadInfo(ref r);
                }

                return new SessionList(sessions);
            });
        builder.Add<SessionNotFound>(221, "session.not-found", 1,
            (ref MessagePackWriter w, SessionNotFound m, WireContext _) => w.Write(m.SessionId),
            (ref MessagePackReader r, WireContext _) => new SessionNotFound(r.ReadString() ?? ""));
        builder.Add<QueryBalance>(222, "account.query", 1,
            (ref MessagePackWriter w, QueryBalance m, WireContext _) => w.Write(m.Account),
            (ref MessagePackReader r, WireContext _) => new QueryBalance(r.ReadString() ?? ""));
        builder.Add<AccountBalance>(223, "account.balance", 2,
            (ref MessagePackWriter w, AccountBalance m, WireContext _) =>
            {
                w.Write(m.Account);
                w.Write(m.Credits);
            },
            (ref MessagePackReader r, WireContext _) => new AccountBalance(r.ReadString() ?? "", r.ReadInt64()));
        builder.Add<QueryInputLog>(224, "session.log-query", 1,
            (ref MessagePackWriter w, QueryInputLog m, WireContext _) => w.Write(m.SessionId),
            (ref MessagePackReader r, WireContext _) => new QueryInputLog(r.ReadString() ?? ""));
        builder.Add<InputLog>(225, "session.log", 10,
            (ref MessagePackWriter w, InputLog m, WireContext _) =>
            {
                w.Write(m.SessionId);
                w.Write(m.Game);
                w.Write(m.Seed);
                w.Write(m.TicksPerSecond);
                w.Write(m.TraceWidth);
                w.Write(m.TraceHeight);
                w.Write(m.FrameWidth);
                w.Write(m.FrameHeight);
                w.Write(m.Bands);
                var keys = new byte[m.Keys.Length * 4];
                for (var i = 0; i < m.Keys.Length; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(keys.AsSpan(i * 4), m.Keys[i]);
                }

                w.WriteBinary(keys);
            },
            (ref MessagePackReader r, WireContext _) =>
            {
                var head = (Id: r.ReadString() ?? "", Game: r.ReadString() ?? "", Seed: r.ReadUInt64(), Tps: r.ReadInt32());
                var (tw, th, fw, fh, bands) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                var bytes = r.ReadBinary().ToArray();
                if (bytes.Length % 4 != 0)
                {
                    throw new WireFormatException("session.log keys must be whole int32s", r.Offset);
                }

                var keys = new int[bytes.Length / 4];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
                }

                return new InputLog(head.Id, head.Game, head.Seed, head.Tps, tw, th, fw, fh, bands, keys);
            },
            MessageLane.Bulk);
    }

    private static void WriteInfo(ref MessagePackWriter w, SessionInfo m)
    {
        w.Write(m.SessionId);
        w.Write(m.Account);
        w.Write(m.Active);
        w.Write(m.Tick);
        WriteCounters(ref w, m.Counters);
        w.Write(m.WorldDigest);
    }

    private static SessionInfo ReadInfo(ref MessagePackReader r) =>
        new(r.ReadString() ?? "", r.ReadString() ?? "", r.ReadBoolean(), r.ReadInt64(), ReadCounters(ref r), r.ReadString() ?? "");

    private static void WriteCounters(ref MessagePackWriter w, SessionCounters c)
    {
        w.WriteArrayHeader(8);
        w.Write(c.Ticks);
        w.Write(c.Frames);
        w.Write(c.TasksTotal);
        w.Write(c.HelperTasks);
        w.Write(c.ValidationRejects);
        w.Write(c.LocalFallbacks);
        w.Write(c.Helpers);
        w.Write(c.LateTicks);
    }

    private static SessionCounters ReadCounters(ref MessagePackReader r)
    {
        if (r.ReadArrayHeader() != 8)
        {
            throw new WireFormatException("session counters need 8 fields", r.Offset);
        }

        return new SessionCounters(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadInt64());
    }

    private static void WriteBinaryOrNil(ref MessagePackWriter w, byte[]? value)
    {
        if (value is null)
        {
            w.WriteNil();
        }
        else
        {
            w.WriteBinary(value);
        }
    }

    private static Actors.IActorRef RequiredRef(ref MessagePackReader r, WireContext c) =>
        c.ReadRef(ref r) ?? throw new WireFormatException("an actor ref is required", r.Offset);

    private static int Bounded(int count, int max, long offset) =>
        count <= max ? count : throw new WireFormatException($"{count} elements; at most {max}", offset);
}
