namespace P2C2R.Protocol.Contracts;

/// <summary>
/// What a connection is, fixed by its handshake: a helper lends CPU, a gamer plays. A connection
/// never changes role, and the coordinator accepts from it only its role's messages.
/// </summary>
public enum EdgeRole
{
    Helper = 1,
    Gamer = 2,
}
