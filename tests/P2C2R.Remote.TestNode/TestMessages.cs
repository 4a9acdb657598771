using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Remote.TestNode;

public sealed record Ping(long Sequence);

public sealed record Pong(long Sequence);

public sealed record Text(string Value);

/// <summary>Carries a ref so the receiver can answer someone other than the sender.</summary>
public sealed record ReplyVia(IActorRef ReplyTo, string Question);

/// <summary>A bulk payload: it travels in its own lane, in fragments.</summary>
public sealed record Blob(byte[] Data);

/// <summary>Declared in the tests only: sending it must fail cleanly, not crash the writer.</summary>
public sealed record Unregistered(int Value);

public sealed class TestMessages : IMessageCatalog
{
    public static readonly MessageRegistry Registry = MessageRegistry.Create(new TestMessages());

    public void Register(MessageRegistryBuilder builder)
    {
        builder.Add<Ping>(100, "test.ping", 1,
            (ref MessagePackWriter w, Ping p, WireContext _) => w.Write(p.Sequence),
            (ref MessagePackReader r, WireContext _) => new Ping(r.ReadInt64()));
        builder.Add<Pong>(101, "test.pong", 1,
            (ref MessagePackWriter w, Pong p, WireContext _) => w.Write(p.Sequence),
            (ref MessagePackReader r, WireContext _) => new Pong(r.ReadInt64()));
        builder.Add<Text>(102, "test.text", 1,
            (ref MessagePackWriter w, Text t, WireContext _) => w.Write(t.Value),
            (ref MessagePackReader r, WireContext _) => new Text(r.ReadString() ?? ""));
        builder.Add<ReplyVia>(103, "test.reply-via", 2,
            (ref MessagePackWriter w, ReplyVia m, WireContext c) =>
            {
                c.WriteRef(ref w, m.ReplyTo);
                w.Write(m.Question);
            },
            (ref MessagePackReader r, WireContext c) => new ReplyVia(c.ReadRef(ref r)!, r.ReadString() ?? ""));
        builder.Add<Blob>(104, "test.blob", 1,
            (ref MessagePackWriter w, Blob b, WireContext _) => w.WriteBinary(b.Data),
            (ref MessagePackReader r, WireContext _) => new Blob(System.Buffers.BuffersExtensions.ToArray(r.ReadBinary())),
            MessageLane.Bulk);
    }
}

/// <summary>Answers Ping with Pong, Text with the same text, and ReplyVia to the ref it carries.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Ping>(p => Sender?.Tell(new Pong(p.Sequence), Self));
        Receive<Text>(t => Sender?.Tell(t, Self));
        Receive<ReplyVia>(m => m.ReplyTo.Tell(new Text("answer to " + m.Question), Self));
        Receive<Blob>(b => Sender?.Tell(new Text($"blob {b.Data.Length}"), Self));
    }
}
