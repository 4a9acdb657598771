using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Connection;

/// <summary>
/// Which coordinator message answers which gamer request (docs/PROTOCOL.md §6). The coordinator
/// answers a connection's requests in order, but frames and a streamed session's end arrive in
/// between; matching by kind (and session id where there is one) tells a reply from those.
/// </summary>
public static class EdgeReplies
{
    /// <summary>Whether a gamer may send <paramref name="request"/> as a request that gets exactly one reply.</summary>
    public static bool IsRequest(IEdgeMessage request) =>
        request is StartSession or ResumeSession or EndSession or QuerySession or ListSessions or QueryBalance or QueryInputLog or WebLoginRequest;

    /// <summary>Whether <paramref name="reply"/> is the answer to <paramref name="request"/>.</summary>
    public static bool Answers(IEdgeMessage request, IEdgeMessage reply) => (request, reply) switch
    {
        (StartSession, SessionStarted) => true,
        (ResumeSession r, SessionStarted s) => r.SessionId == s.SessionId,
        (ResumeSession r, SessionNotFound n) => r.SessionId == n.SessionId,
        (EndSession r, SessionEnded e) => r.SessionId == e.SessionId,
        (EndSession r, SessionNotFound n) => r.SessionId == n.SessionId,
        (QuerySession r, SessionInfo i) => r.SessionId == i.SessionId,
        (QuerySession r, SessionNotFound n) => r.SessionId == n.SessionId,
        (ListSessions, SessionList) => true,
        (QueryBalance, AccountBalance) => true,
        (WebLoginRequest, WebLoginLink) => true,
        (QueryInputLog r, InputLog l) => r.SessionId == l.SessionId,
        (QueryInputLog r, SessionNotFound n) => r.SessionId == n.SessionId,
        _ => false,
    };
}
