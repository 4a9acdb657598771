using System.Buffers;
using System.Reflection;
using System.Runtime.Serialization;
using Akka.TestKit.Xunit2;
using MessagePack;
using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Serialization;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web.Dashboard;
using P2C2R.Membership.Contracts;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>The coordinator's serializer: bound to journal rows, messages between nodes, edge contracts and member helpers' requests, every manifest round-trips, and nothing else is read.</summary>
public sealed class SerializerTests() : TestKit(CoordinatorConfig.Serialization)
{
    private static readonly SessionCounters Counters = new(1, 2, 3, 4, 5, 6, 7, 8);
    private static readonly SessionInfo Info = new("s1-abc", "ann", true, 9, Counters, "digest");
    private static readonly byte[] Digest = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    /// <summary>One of every type with a fixed manifest except those naming actors; the member helper's serializer is checked against them too.</summary>
    internal static readonly object[] Samples =
    [
        new KeysFrom(3, 5, 7, 18),
        new SessionSnapshot([1, 2, 3], 5, 7, 18),
        new SessionOpened("s1-abc", "ann", 30),
        new SessionClosed("s1-abc"),
        new Posted(4, PostingKind.Tasks, "helper:vol", 2, [new LedgerEntry("platform", -9), new LedgerEntry("helper:vol", 9)]),
        new LedgerSnapshot(4, [new LedgerEntry("gamer:ann", -3)], [new SessionCharge("s1-abc", 3000, 3)], 12),
        new HelperEnrolled("acct/h1", 1),
        new ReputationChanged("acct/h1", 0.625, 10, 1, 638_000_000_000_000_000, 7),
        new GetStanding("acct/h1"),
        new Standing("acct/h1", new ReputationChanged("acct/h1", 0.5, 3, 0, 0, 3)),
        new NodeLoad("akka.tcp://coordinator@10.0.0.1:4053", "10.0.0.1:8765", 3, 7),
        new NodeView(
            "akka.tcp://coordinator@10.0.0.1:4053",
            [new SessionRow("s1-abc", "ann", 9, 29.5, 0.75, 1200, 800, 1, 2, "", 17.5, 34)],
            [new HelperRow(1, "h1", "vol", true, false, 0.9, 12, 2, 4, 5.5, 99, "", 12, 30, 4.5)],
            [new TaskRate("render.raytrace", "helper_accepted", 60, 600)],
            3,
            0.25,
            1,
            1),
        new Challenge(2, Digest, "coordinator"),
        new Hello(2, EdgeRole.Helper, [4, 5], [6, 7], "h1", null),
        new Welcome("acct", 1000, 4 << 20),
        new Goodbye(EdgeCloseCode.ShuttingDown, "bye"),
        new Ping(1, 1234),
        new Pong(1, 1234),
        new WebLoginRequest(),
        new WebLoginLink("http://127.0.0.1:8080/login?code=abc", 120_000),
        new RegisterHelper(new HelperCapabilities("h1", 4, 1L << 30, ["physics.rigid", "render.raytrace"], 5.5, 2, Donate: true)),
        new HelperAccepted(1, 99),
        new HelperLoad(1, 4),
        new AssignTask(11, "render.raytrace", [1, 2], 40, [new BlobSplice(0, Digest)]),
        new TaskResult(11, TaskResultStatus.HandedBack, null, "draining", 12),
        new CreditUpdate(99, 10, 1),
        new BlobRequest([Digest]),
        new BlobData(Digest, [9, 9]),
        new HelperMove("10.0.0.2:8765"),
        new StartSession(0),
        new ResumeSession("s1-abc"),
        new SessionStarted("s1-abc", 30, 7),
        new PlayerInput(5, 33),
        new FrameUpdate(9, 256, 144, true, [1, 2, 3], 1_700_000_000_000_000, Counters, "hello"),
        new EndSession("s1-abc"),
        new SessionEnded("s1-abc", Counters),
        new QuerySession("s1-abc"),
        new ListSessions(),
        Info,
        new SessionList([Info, Info with { SessionId = "s2-def", WorldDigest = "" }]),
        new SessionNotFound("s1-abc"),
        new QueryBalance(),
        new AccountBalance("ann", -42),
        new QueryInputLog("s1-abc"),
        new InputLog("s1-abc", "voxel", ulong.MaxValue, 30, 128, 72, 256, 144, 4, [0, 1, 65]),
        new JoinAsHelper(2),
    ];

    [Fact]
    public void Every_manifest_has_a_sample_here()
    {
        var serializer = Serializer();
        Assert.Equal(
            P2C2RSerializer.Table().Select(e => e.Manifest).Order(StringComparer.Ordinal),
            AllSamples().Select(serializer.Manifest).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_journal_row_and_edge_contract_is_bound_to_it_and_round_trips()
    {
        var serializer = Serializer();
        foreach (var sample in AllSamples())
        {
            Assert.Same(serializer, Sys.Serialization.FindSerializerFor(sample));
            var manifest = serializer.Manifest(sample);
            var bytes = serializer.ToBinary(sample);

            var back = serializer.FromBinary(bytes, manifest);

            Assert.IsType(sample.GetType(), back);
            Assert.Equal(bytes, serializer.ToBinary(back));
            if (!HoldsArrays(sample.GetType()))
            {
                Assert.Equal(sample, back);
            }
        }
    }

    [Fact]
    public void Journal_rows_are_written_under_identifier_7701_with_their_manifest()
    {
        var serializer = Serializer();
        Assert.Equal(7701, serializer.Identifier);
        Assert.IsAssignableFrom<ICoordinatorEvent>(Samples[0]);
        Assert.Equal("session.keys-from", serializer.Manifest(Samples[0]));
    }

    [Fact]
    public void An_unknown_manifest_an_unbound_type_bytes_that_do_not_decode_and_oversized_bytes_are_refused()
    {
        var serializer = Serializer();
        var ping = serializer.ToBinary(new Ping(1, 2));

        Assert.Throws<SerializationException>(() => serializer.FromBinary(ping, "System.String"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(ping, "edge.unknown"));
        Assert.Throws<SerializationException>(() => serializer.ToBinary("a string"));
        Assert.Throws<SerializationException>(() => serializer.Manifest(SubscribeHelpers.Instance));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([0xc1], "edge.ping"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(serializer.ToBinary(new SessionClosed("s")), "edge.ping"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[P2C2RSerializer.MaxPayloadBytes + 1], "session.snapshot"));
    }

    /// <summary>A field is appended, never inserted: a <c>session.started</c> written before it had <c>lastInput</c> still reads, as none applied.</summary>
    [Fact]
    public void A_session_started_without_its_last_input_reads_as_none_applied()
    {
        var serializer = Serializer();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write("s1-abc");
        writer.Write(30);
        writer.Flush();

        var read = serializer.FromBinary(buffer.WrittenSpan.ToArray(), serializer.Manifest(new SessionStarted("s1-abc", 30)));

        Assert.Equal(new SessionStarted("s1-abc", 30, 0), read);
    }

    /// <summary>A ledger snapshot written before it counted the tasks paid still reads, as none counted.</summary>
    [Fact]
    public void A_ledger_snapshot_without_its_tasks_paid_reads_as_none()
    {
        var serializer = Serializer();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(3);
        writer.Write(4);
        writer.WriteArrayHeader(0);
        writer.WriteArrayHeader(0);
        writer.Flush();

        var read = Assert.IsType<LedgerSnapshot>(serializer.FromBinary(buffer.WrittenSpan.ToArray(), serializer.Manifest(new LedgerSnapshot(0, [], []))));

        Assert.Equal((4L, 0L), (read.LastId, read.TasksPaid));
    }

    /// <summary>Records compare collections by reference: only those without any, however nested, can be compared whole.</summary>
    private static bool HoldsArrays(Type type) =>
        type.IsArray || (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) || (type.Namespace?.StartsWith("P2C2R", StringComparison.Ordinal) == true && !type.IsEnum
            && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => HoldsArrays(p.PropertyType)));

    /// <summary>The samples, with messages between nodes that name actors (here the test actor, resolved back through this system).</summary>
    private object[] AllSamples() =>
    [
        .. Samples,
        new GamerCommand("ann", new ResumeSession("s1-abc")),
        new SessionCommand("s1-abc", "ann", new EndSession("s1-abc")),
        new OpenSession("s1-abc", "ann", 30, TestActor),
        new SessionAttached("s1-abc", TestActor, 30, 7),
        new SessionReport(Info, 12.5, 30),
        new SessionMoved("s1-abc"),
        new ChargePlay("s1-abc", "ann", 3000),
        new CreditHelper("vol", 9, Donate: true),
        new CreditsPosted("vol", 99),
        new QueryGamerBalance("ann"),
        new QueryHelperBalance("vol"),
        QueryLedger.Instance,
        new LedgerBalances(new Dictionary<string, long> { ["platform"] = 5, ["gamer:ann"] = -5 }, 8),
    ];

    private P2C2RSerializer Serializer() => Assert.IsType<P2C2RSerializer>(Sys.Serialization.FindSerializerForType(typeof(Ping)));
}
