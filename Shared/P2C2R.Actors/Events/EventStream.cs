namespace P2C2R.Actors;

/// <summary>
/// System-wide publish/subscribe by message type (dead letters, unhandled messages, and later
/// membership events). Subscriptions are a copy-on-write array, so publishing takes no lock.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    public void Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            if (!_subscriptions.Contains((channel, subscriber)))
            {
                _subscriptions = [.. _subscriptions, (channel, subscriber)];
            }
        }
    }

    /// <summary>Removes one subscription, or all of a subscriber's when <paramref name="channel"/> is null.</summary>
    public void Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions
                .Where(s => !s.Subscriber.Equals(subscriber) || (channel is not null && s.Channel != channel))
                .ToArray();
        }
    }

    public void Publish(object @event)
    {
        foreach (var (channel, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (!channel.IsInstanceOfType(@event))
            {
                continue;
            }

            if (subscriber is ActorRefBase { IsTerminated: true })
            {
                Unsubscribe(subscriber);
                continue;
            }

            subscriber.Tell(@event, null);
        }
    }
}
