namespace P2C2R.Remote;

/// <summary>A connection to another system completed its handshake (published on the event stream).</summary>
public sealed record Associated(Address Remote, long Uid, string Role);

/// <summary>The connection to another system ended; messages queue until it is back.</summary>
public sealed record Disassociated(Address Remote, long Uid, string Reason);

/// <summary>A handshake was refused, by either side, with the reason given.</summary>
public sealed record AssociationRefused(Address? Remote, string Endpoint, string Reason);

/// <summary>The system said it is shutting down (a disassociate frame): that incarnation is gone for good.</summary>
public sealed record RemoteShutdown(Address Remote, long Uid);

/// <summary>The failure detector suspects the system (phi over the threshold).</summary>
public sealed record RemoteUnreachable(Address Remote, long Uid);

/// <summary>Heartbeats from a suspected system arrive again.</summary>
public sealed record RemoteReachable(Address Remote, long Uid);

/// <summary>A system came back with a new uid: everything of the old incarnation is gone.</summary>
public sealed record IncarnationReplaced(Address Remote, long OldUid, long NewUid);
