namespace P2C2R.GamerClient.Connection;

/// <summary>
/// The coordinator answered <c>session.not-found</c>: the id does not exist or is another
/// account's (the protocol does not tell the two apart).
/// </summary>
public sealed class SessionNotFoundException(string sessionId) : Exception($"session {sessionId} not found (it does not exist or belongs to another account)")
{
    public string SessionId { get; } = sessionId;
}
