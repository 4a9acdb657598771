using Akka.Actor;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.PeerNode.WebLogin;

/// <summary>
/// The handler of <c>web-login</c>'s edge client: once connected (the handshake proved the
/// helper's account) it asks for a link and completes the command's task with the answer. A refusal by
/// the coordinator (a Goodbye code) fails it at once; other failures leave the client redialing
/// until the command's own timeout.
/// </summary>
public sealed class WebLoginAsker : ReceiveActor
{
    public WebLoginAsker(TaskCompletionSource<WebLoginLink> link)
    {
        Receive<EdgeConnected>(_ => Sender.Tell(new WebLoginRequest()));
        Receive<WebLoginLink>(answer => link.TrySetResult(answer));
        Receive<EdgeConnectFailed>(failed => failed.Code is not null, failed =>
            link.TrySetException(new InvalidOperationException($"{failed.Coordinator} refused the connection: {failed.Reason}")));
        ReceiveAny(_ => { });
    }

    public static Props Props(TaskCompletionSource<WebLoginLink> link) =>
        Akka.Actor.Props.Create(() => new WebLoginAsker(link));
}
