using System.Collections.Frozen;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Protocol;

/// <summary>Who may send a message on the edge.</summary>
[Flags]
public enum EdgeSenders
{
    Coordinator = 1,
    Helper = 2,
    Gamer = 4,
    Client = Helper | Gamer,
    Anyone = Coordinator | Client,
}

/// <summary>One row of <see cref="EdgeMessageTable"/>.</summary>
public sealed record EdgeMessageType(ushort Code, string Manifest, Type Type, EdgeSenders Senders);

/// <summary>
/// The fixed table of edge message types (the <c>Contracts</c> types: the v1 records of this
/// namespace have the same names): the numeric code a frame carries, the string manifest
/// the coordinator's Akka serializer writes, and who may send it. Codes and manifests are the
/// protocol (docs/PROTOCOL.md): a row is never renumbered or reused, only added; a code or
/// manifest not in the table is refused.
/// </summary>
public static class EdgeMessageTable
{
    public static IReadOnlyList<EdgeMessageType> All { get; } =
    [
        new(1, "edge.challenge", typeof(Contracts.Challenge), EdgeSenders.Coordinator),
        new(2, "edge.hello", typeof(Contracts.Hello), EdgeSenders.Client),
        new(3, "edge.welcome", typeof(Contracts.Welcome), EdgeSenders.Coordinator),
        new(4, "edge.goodbye", typeof(Contracts.Goodbye), EdgeSenders.Anyone),
        new(5, "edge.ping", typeof(Contracts.Ping), EdgeSenders.Anyone),
        new(6, "edge.pong", typeof(Contracts.Pong), EdgeSenders.Anyone),
        new(7, "web.login-request", typeof(Contracts.WebLoginRequest), EdgeSenders.Client),
        new(8, "web.login-link", typeof(Contracts.WebLoginLink), EdgeSenders.Coordinator),

        new(20, "helper.register", typeof(Contracts.RegisterHelper), EdgeSenders.Helper),
        new(21, "helper.accepted", typeof(Contracts.HelperAccepted), EdgeSenders.Coordinator),
        new(22, "helper.load", typeof(Contracts.HelperLoad), EdgeSenders.Helper),
        new(23, "task.assign", typeof(Contracts.AssignTask), EdgeSenders.Coordinator),
        new(24, "task.result", typeof(Contracts.TaskResult), EdgeSenders.Helper),
        new(25, "helper.credit", typeof(Contracts.CreditUpdate), EdgeSenders.Coordinator),
        new(26, "blob.request", typeof(Contracts.BlobRequest), EdgeSenders.Helper),
        new(27, "blob.data", typeof(Contracts.BlobData), EdgeSenders.Coordinator),
        new(28, "helper.move", typeof(Contracts.HelperMove), EdgeSenders.Coordinator),

        new(40, "session.start", typeof(Contracts.StartSession), EdgeSenders.Gamer),
        new(41, "session.resume", typeof(Contracts.ResumeSession), EdgeSenders.Gamer),
        new(42, "session.started", typeof(Contracts.SessionStarted), EdgeSenders.Coordinator),
        new(43, "session.input", typeof(Contracts.PlayerInput), EdgeSenders.Gamer),
        new(44, "session.frame", typeof(Contracts.FrameUpdate), EdgeSenders.Coordinator),
        new(45, "session.end", typeof(Contracts.EndSession), EdgeSenders.Gamer),
        new(46, "session.ended", typeof(Contracts.SessionEnded), EdgeSenders.Coordinator),
        new(47, "session.query", typeof(Contracts.QuerySession), EdgeSenders.Gamer),
        new(48, "session.list", typeof(Contracts.ListSessions), EdgeSenders.Gamer),
        new(49, "session.info", typeof(Contracts.SessionInfo), EdgeSenders.Coordinator),
        new(50, "session.list-reply", typeof(Contracts.SessionList), EdgeSenders.Coordinator),
        new(51, "session.not-found", typeof(Contracts.SessionNotFound), EdgeSenders.Coordinator),
        new(52, "account.query", typeof(Contracts.QueryBalance), EdgeSenders.Gamer),
        new(53, "account.balance", typeof(Contracts.AccountBalance), EdgeSenders.Coordinator),
        new(54, "session.log-query", typeof(Contracts.QueryInputLog), EdgeSenders.Gamer),
        new(55, "session.log", typeof(Contracts.InputLog), EdgeSenders.Coordinator),
    ];

    private static readonly FrozenDictionary<ushort, EdgeMessageType> ByCode = All.ToFrozenDictionary(t => t.Code);
    private static readonly FrozenDictionary<Type, EdgeMessageType> ByType = All.ToFrozenDictionary(t => t.Type);
    private static readonly FrozenDictionary<string, EdgeMessageType> ByManifest = All.ToFrozenDictionary(t => t.Manifest, StringComparer.Ordinal);

    public static bool TryGet(ushort code, out EdgeMessageType type) => ByCode.TryGetValue(code, out type!);

    public static bool TryGet(Type clrType, out EdgeMessageType type) => ByType.TryGetValue(clrType, out type!);

    public static bool TryGet(string manifest, out EdgeMessageType type) => ByManifest.TryGetValue(manifest, out type!);

    /// <summary>Whether a connection of <paramref name="role"/> may send a message of <paramref name="type"/>.</summary>
    public static bool MaySend(this EdgeMessageType type, EdgeRole role) =>
        (type.Senders & (role == EdgeRole.Helper ? EdgeSenders.Helper : EdgeSenders.Gamer)) != 0;
}
