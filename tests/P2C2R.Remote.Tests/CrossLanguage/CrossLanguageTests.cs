using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Cluster;
using P2C2R.Remote.Serialization;

namespace P2C2R.Remote.Tests.CrossLanguage;

/// <summary>
/// The codec against the reference JavaScript implementation (@msgpack/msgpack), both ways:
/// JavaScript decodes what C# encodes to the same values, and encodes those values back to the
/// very same bytes, which C# then decodes, for edge values and for every protocol message.
/// </summary>
public class CrossLanguageTests
{
    private delegate void Encode(ref MessagePackWriter writer);

    [Fact]
    public void JavaScript_agrees_on_edge_values()
    {
        Check(EdgeValues());
    }

    [Fact]
    public void JavaScript_agrees_on_every_protocol_message()
    {
        var cases = ProtocolMessages().ToList();
        var registered = TestMessages.Registry.Types.Select(t => t.Name).ToHashSet();
        registered.ExceptWith(cases.Select(c => c.Name));
        Assert.Empty(registered);
        var jsEncoded = Check(cases);

        var context = new PathContext();
        foreach (var type in TestMessages.Registry.Types)
        {
            var reader = new MessagePackReader(jsEncoded[type.Name]);
            var message = type.ReadBoxed(ref reader, context);
            Assert.Equal(cases.Single(c => c.Name == type.Name).Bytes, Serialize(type, message, context));
        }
    }

    /// <summary>Compares both directions; returns what JavaScript encoded, by case name.</summary>
    private static Dictionary<string, byte[]> Check(IReadOnlyList<(string Name, byte[] Bytes, bool JsEncodes)> cases)
    {
        var answer = NodeScript.Run(Request(cases));
        var result = new Dictionary<string, byte[]>();
        var decoded = answer["decoded"]!.AsArray();
        var encoded = answer["encoded"]!.AsArray();
        foreach (var (name, bytes, jsEncodes) in cases)
        {
            var ours = MessagePackTree.Read(bytes);
            var theirs = decoded.Single(d => (string)d!["name"]! == name)!["tree"]!;
            Assert.True(JsonNode.DeepEquals(ours, theirs), $"{name}: C# read {Short(ours)}, JavaScript read {Short(theirs)}");
            if (jsEncodes)
            {
                var jsBytes = Convert.FromHexString((string)encoded.Single(e => (string)e!["name"]! == name)!["hex"]!);
                result[name] = jsBytes;
                Assert.True(bytes.AsSpan().SequenceEqual(jsBytes), $"{name}: JavaScript encoded {Convert.ToHexString(jsBytes[..Math.Min(40, jsBytes.Length)])}..., C# {Convert.ToHexString(bytes[..Math.Min(40, bytes.Length)])}...");
                Assert.True(JsonNode.DeepEquals(ours, MessagePackTree.Read(jsBytes)), $"{name}: C# reads JavaScript's bytes differently");
            }
        }

        return result;
    }

    private static JsonObject Request(IReadOnlyList<(string Name, byte[] Bytes, bool JsEncodes)> cases) => new()
    {
        ["decode"] = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["hex"] = Convert.ToHexStringLower(c.Bytes) })]),
        ["encode"] = new JsonArray([.. cases.Where(c => c.JsEncodes).Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["tree"] = MessagePackTree.Read(c.Bytes) })]),
    };

    private static string Short(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length > 200 ? text[..200] + "..." : text;
    }

    private static byte[] Bytes(Encode encode)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        encode(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static List<(string, byte[], bool)> EdgeValues()
    {
        var cases = new List<(string, byte[], bool)>
        {
            ("nil", Bytes((ref MessagePackWriter w) => w.WriteNil()), true),
            ("true", Bytes((ref MessagePackWriter w) => w.Write(true)), true),
            ("false", Bytes((ref MessagePackWriter w) => w.Write(false)), true),
            ("ulong max", Bytes((ref MessagePackWriter w) => w.Write(ulong.MaxValue)), true),
            ("long min", Bytes((ref MessagePackWriter w) => w.Write(long.MinValue)), true),
        };
        long[] integers = [0, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 9007199254740991, 9007199254740993, long.MaxValue,
            -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (long)int.MinValue - 1, -9007199254740993];
        cases.AddRange(integers.Select(i => ($"int {i}", Bytes((ref MessagePackWriter w) => w.Write(i)), true)));
        double[] doubles = [1.5, -0.25, Math.PI, 1e300, double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, -1e-300, 123456.789];
        cases.AddRange(doubles.Select(d => ($"double {d:R}", Bytes((ref MessagePackWriter w) => w.Write(d)), true)));
        cases.Add(("double -0", Bytes((ref MessagePackWriter w) => w.Write(-0.0)), false));
        cases.Add(("float32 3.25", Bytes((ref MessagePackWriter w) => w.Write(3.25f)), false));
        foreach (var length in new[] { 0, 31, 32, 255, 256, 65535, 65536 })
        {
            var text = new string('s', length);
            cases.Add(($"str {length}", Bytes((ref MessagePackWriter w) => w.Write(text)), true));
        }

        cases.Add(("str unicode", Bytes((ref MessagePackWriter w) => w.Write("ĥéllo 世界 🎮")), true));
        foreach (var length in new[] { 0, 255, 256, 65535, 65536 })
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
            cases.Add(($"bin {length}", Bytes((ref MessagePackWriter w) => w.WriteBinary(data)), true));
        }

        foreach (var count in new[] { 0, 15, 16, 65535, 65536 })
        {
            cases.Add(($"array {count}", Bytes((ref MessagePackWriter w) =>
            {
                w.WriteArrayHeader(count);
                for (var i = 0; i < count; i++)
                {
                    w.Write(i % 300);
                }
            }), true));
        }

        foreach (var count in new[] { 0, 15, 16, 70000 })
        {
            cases.Add(($"map {count}", Bytes((ref MessagePackWriter w) =>
            {
                w.WriteMapHeader(count);
                for (var i = 0; i < count; i++)
                {
                    w.Write("k" + i);
                    w.Write(i % 2 == 0);
                }
            }), true));
        }

        foreach (var length in new[] { 1, 2, 4, 8, 16, 3, 255, 256, 65536 })
        {
            var payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
            cases.Add(($"ext {length}", Bytes((ref MessagePackWriter w) => w.WriteExtension(5, payload)), true));
        }

        (long Seconds, uint Nanoseconds)[] timestamps = [(0, 0), (4294967295, 0), (1, 1), (17179869183, 999999999), (17179869184, 0), (-1, 0), (-1099511627776, 5)];
        cases.AddRange(timestamps.Select(t => ($"timestamp {t.Seconds}.{t.Nanoseconds}", Bytes((ref MessagePackWriter w) => w.Write(new MessagePackTimestamp(t.Seconds, t.Nanoseconds))), true)));
        cases.Add(("nested", Bytes((ref MessagePackWriter w) =>
        {
            for (var i = 0; i < 10; i++)
            {
                w.WriteArrayHeader(2);
                w.Write("level");
            }

            w.WriteMapHeader(1);
            w.Write("deep");
            w.WriteNil();
        }), true));
        return cases;
    }

    private static IEnumerable<(string Name, byte[] Bytes, bool JsEncodes)> ProtocolMessages()
    {
        var context = new PathContext();
        var address = Address.Parse("p2c2r.tcp://coordinator@10.0.0.1:8765");
        var peer = Address.Parse("p2c2r.tcp://peer-7@192.168.1.20:0");
        var replyTo = new PathRef("p2c2r.tcp://peer-7@192.168.1.20:0/temp/$a#0");
        var members = new[]
        {
            new Member(address, 5_000_000_000, MemberStatus.Up, ["coordinator"]),
            new Member(peer, -17, MemberStatus.Leaving, ["peer", "gpu"], Reachable: false),
        };
        object[] messages =
        [
            new Status.Failure(new InvalidOperationException("no helper")),
            new Join(peer, 1234567890123, ["peer"]),
            new Welcome(new Gossip(99, 3, members)),
            new Gossip(99, 4, members),
            new Leave(peer),
            new Ping(-5),
            new Pong(long.MaxValue),
            new Text("héllo"),
            new ReplyVia(replyTo, "why?"),
            new Blob(new byte[70_000]),
        ];
        foreach (var message in messages)
        {
            Assert.True(TestMessages.Registry.TryGet(message.GetType(), out var type));
            yield return (type.Name, Serialize(type, message, context), true);
        }

        var hello = new HandshakeInfo(HandshakeInfo.CurrentProtocolVersion, "peer-7", 42, peer, "peer", "token");
        yield return ("handshake associate", hello.Encode(includeToken: true), true);
        yield return ("handshake ack", hello.Encode(includeToken: false), true);
        yield return ("handshake refused", HandshakeInfo.EncodeRefusal("invalid auth token"), true);
        yield return ("envelope", Bytes((ref MessagePackWriter w) =>
            Envelope.Write(ref w, "/user/scheduler"u8, 77, replyTo, EnvelopeKind.User, TestMessages.Registry.Types.Single(t => t.Name == "test.ping"), new Ping(1), context)), true);
        yield return ("envelope watch", Bytes((ref MessagePackWriter w) =>
            Envelope.Write(ref w, "/user/session-1"u8, 0, replyTo, EnvelopeKind.Watch, null, EnvelopeKind.Watch, context)), true);
        yield return ("fragment", Bytes((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.Write(12UL);
            w.Write(true);
            w.WriteBinary(Encoding.UTF8.GetBytes("tail of a large message"));
        }), true);
        yield return ("disassociate", Bytes((ref MessagePackWriter w) => w.Write("the system is shutting down")), true);
    }

    private static byte[] Serialize(MessageType type, object message, WireContext context)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        type.WriteBoxed(ref writer, message, context);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Refs as plain path strings, enough for a message to be written and read back.</summary>
    private sealed class PathContext : WireContext
    {
        public override void WriteRef(ref MessagePackWriter writer, IActorRef? actor) => writer.Write(((PathRef?)actor)?.Text);

        public override IActorRef? ReadRef(ref MessagePackReader reader) => reader.ReadString() is { } text ? new PathRef(text) : null;
    }

    private sealed class PathRef(string text) : IActorRef
    {
        public string Text { get; } = text;

        public ActorPath Path => RemotePath.Parse(Text).ToActorPath();

        public void Tell(object message, IActorRef? sender) => throw new NotSupportedException();

        public bool Equals(IActorRef? other) => other is PathRef p && p.Text == Text;
    }
}
