using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Tests.Support;

/// <summary>One filled-in instance of every message type of the edge table.</summary>
internal static class SampleMessages
{
    private static readonly SessionCounters Counters = new(1, 2, 3, 4, 5, 6, 7, 8);

    public static IReadOnlyList<IEdgeMessage> All { get; } =
    [
        new Challenge(2, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), "coordinator-a"),
        new Hello(2, EdgeRole.Gamer, [1, 2, 3], new byte[64], "gamer one", "token"),
        new Welcome("0123456789abcdef0123456789abcdef", 1000, 4 * 1024 * 1024),
        new Goodbye(EdgeCloseCode.SlowConsumer, "bye"),
        new Ping(long.MaxValue, -1),
        new Pong(3, 1_000_000_000_000),
        new WebLoginRequest(),
        new WebLoginLink("http://127.0.0.1:8080/login?code=abc", 120_000),
        new RegisterHelper(new HelperCapabilities("h", 8, 1L << 34, ["physics.rigid", "codec.deflate"], 12.5, 4, Donate: true)),
        new HelperAccepted(17, 100),
        new HelperLoad(2, 4),
        new AssignTask(99, "render.raytrace", [9, 8, 7], 250, [new BlobSplice(0, new byte[32])]),
        new TaskResult(99, TaskResultStatus.Failed, null, "out of range", 1234),
        new CreditUpdate(10, 3, 1),
        new BlobRequest([new byte[32], Enumerable.Repeat((byte)7, 32).ToArray()]),
        new BlobData(new byte[32], [1, 2, 3, 4]),
        new HelperMove("coordinator-b.example:8765"),
        new StartSession(60),
        new ResumeSession("s-1"),
        new SessionStarted("s-1", 60),
        new PlayerInput(5, 1 | 8),
        new FrameUpdate(10, 320, 180, true, new byte[1000], 1_700_000_000_000_000, Counters, "hello"),
        new EndSession("s-1"),
        new SessionEnded("s-1", Counters),
        new QuerySession("s-1"),
        new ListSessions(),
        new SessionInfo("s-1", "acct", true, 42, Counters, "ab"),
        new SessionList([new SessionInfo("s-1", "acct", false, 42, Counters, "")]),
        new SessionNotFound("s-2"),
        new QueryBalance(),
        new AccountBalance("acct", 5),
        new QueryInputLog("s-1"),
        new InputLog("s-1", "voxel", ulong.MaxValue, 60, 160, 90, 320, 180, 4, [0, 1, 2]),
    ];
}
