using MessagePack;

namespace P2C2R.Membership.Contracts;

/// <summary>
/// Member helper → a coordinator node's gate (<c>/user/member-helpers</c>): the helper wants work
/// from this node. The gate answers as the edge does, with a <see cref="Protocol.Contracts.Challenge"/>
/// to sign, so the account a member helper earns for is proven by its key exactly like an edge
/// helper's (docs/PROTOCOL.md §2).
/// </summary>
[MessagePackObject]
public sealed record JoinAsHelper([property: Key(0)] int ProtocolVersion) : IMemberHelperMessage;
