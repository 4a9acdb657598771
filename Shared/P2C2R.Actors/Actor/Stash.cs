namespace P2C2R.Actors;

/// <summary>
/// Messages an actor sets aside until it can handle them (for example while it waits for a
/// resource). Unstashed messages go back ahead of the mailbox, in their original order.
/// </summary>
public interface IStash
{
    int Count { get; }

    /// <summary>Sets aside the message being processed.</summary>
    void Stash();

    void Unstash();

    void UnstashAll();
}

/// <summary>Implemented by actors that want an <see cref="IStash"/> injected.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}

internal sealed class ActorStash(ActorCell cell, int capacity) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null)
        {
            throw new InvalidOperationException("Stash() is only valid while processing a message");
        }

        if (_stashed.Count >= capacity)
        {
            throw new StashOverflowException($"{cell.SelfRef.Path} stash is full ({capacity} messages)");
        }

        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Prepend([first]);
    }

    public void UnstashAll()
    {
        cell.Prepend(_stashed.ToArray());
        _stashed.Clear();
    }

    internal void DrainToDeadLetters()
    {
        foreach (var envelope in _stashed)
        {
            cell.System.DeadLetterOffice.Publish(envelope.Message, envelope.Sender, cell.SelfRef, "recipient terminated");
        }

        _stashed.Clear();
    }
}
