using System.Net;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Server;

/// <summary>
/// Who is on the other end of one edge connection, as the handshake proved it: the account its key
/// derives, the role it took for good, the name it gave, and the address the coordinator observed
/// (never one the peer claims), so replicas can be placed on different hosts.
/// </summary>
public sealed record EdgePeer(string Account, EdgeRole Role, string Name, IPEndPoint Remote, long ConnectionId);
