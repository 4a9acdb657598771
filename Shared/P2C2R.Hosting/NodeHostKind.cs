namespace P2C2R.Hosting;

/// <summary>
/// Which host a node runs in: a plain generic host, or a web host whose Kestrel listens only where
/// the node binds it (the coordinator's edge is raw TCP on Kestrel connection handlers, not HTTP).
/// </summary>
public enum NodeHostKind
{
    Generic,
    Web,
}
