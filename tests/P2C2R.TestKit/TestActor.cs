using System.Collections.Concurrent;
using P2C2R.Actors;

namespace P2C2R.TestKit;

/// <summary>A message a test actor received, with who sent it.</summary>
public readonly record struct ReceivedMessage(object Message, IActorRef Sender);

/// <summary>
/// The real actor behind a probe: it queues everything it receives for the test thread, and
/// watches on request so <see cref="Terminated"/> arrives like any other message.
/// </summary>
internal sealed class TestActor(BlockingCollection<ReceivedMessage> queue) : ActorBase
{
    internal sealed record WatchRequest(IActorRef Target, bool Watch);

    internal sealed class Ack
    {
        public static readonly Ack Instance = new();
    }

    protected internal override bool Receive(object message)
    {
        if (message is WatchRequest request)
        {
            if (request.Watch)
            {
                Context.Watch(request.Target);
            }
            else
            {
                Context.Unwatch(request.Target);
            }

            Sender.Tell(Ack.Instance, Self);
            return true;
        }

        queue.Add(new ReceivedMessage(message, Sender));
        return true;
    }
}
