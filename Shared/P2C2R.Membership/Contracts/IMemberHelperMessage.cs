namespace P2C2R.Membership.Contracts;

/// <summary>
/// A message between a member helper and a coordinator's gate that is not an edge contract (only
/// the request to join: identity and everything after it are the edge's own messages). Marked so
/// that Akka binds it to our serializer on both sides; each such type has a fixed manifest in
/// <see cref="MemberHelperMessageTable"/>.
/// </summary>
public interface IMemberHelperMessage;
