using System.Globalization;

namespace P2C2R.Actors;

internal sealed partial class ActorCell
{
    private readonly Dictionary<string, ChildEntry> _children = new(StringComparer.Ordinal);
    private long _nextChildName;

    /// <summary>A child and what its supervisor remembers about it.</summary>
    internal sealed class ChildEntry(LocalActorRef actor)
    {
        public LocalActorRef Actor { get; } = actor;
        public RestartStatistics Restarts { get; } = new();
        public bool Stopping { get; set; }
    }

    public IEnumerable<IActorRef> Children
    {
        get
        {
            lock (_children)
            {
                return _children.Values.Select(c => (IActorRef)c.Actor).ToArray();
            }
        }
    }

    internal ChildEntry[] ChildEntries()
    {
        lock (_children)
        {
            return [.. _children.Values];
        }
    }

    private bool HasChildren
    {
        get
        {
            lock (_children)
            {
                return _children.Count > 0;
            }
        }
    }

    public IActorRef? Child(string name)
    {
        lock (_children)
        {
            return _children.TryGetValue(name, out var entry) && !entry.Stopping ? entry.Actor : null;
        }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (name is null)
        {
            name = "$" + Interlocked.Increment(ref _nextChildName).ToString("x", CultureInfo.InvariantCulture);
        }
        else if (name.Length == 0 || name[0] == '$' || name.AsSpan().IndexOfAny("/#?% ") >= 0)
        {
            throw new InvalidActorNameException($"invalid actor name [{name}]: it must be non-empty, not start with '$' and contain none of / # ? % or space");
        }

        var cell = new ActorCell(System, SelfRef.Path.Child(name), props, SelfRef);
        lock (_children)
        {
            if (_state >= CellState.Terminating)
            {
                throw new InvalidOperationException($"{SelfRef.Path} is stopping and cannot create child [{name}]");
            }

            if (!_children.TryAdd(name, new ChildEntry(cell.SelfRef)))
            {
                throw new InvalidActorNameException($"actor name [{name}] is not unique under {SelfRef.Path}");
            }
        }

        cell.Start();
        return cell.SelfRef;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not ActorRefBase target)
        {
            return;
        }

        if (!target.Equals(SelfRef))
        {
            lock (_children)
            {
                if (_children.TryGetValue(target.Path.Name, out var entry) && entry.Actor.Equals(target))
                {
                    entry.Stopping = true;
                }
            }
        }

        target.SendSystemMessage(StopActor.Instance);
    }

    private ChildEntry? FindChild(ActorRefBase child)
    {
        lock (_children)
        {
            return _children.TryGetValue(child.Path.Name, out var entry) && entry.Actor.Equals(child) ? entry : null;
        }
    }

    private bool RemoveChild(ActorRefBase child)
    {
        lock (_children)
        {
            return _children.TryGetValue(child.Path.Name, out var entry) && entry.Actor.Equals(child) && _children.Remove(child.Path.Name);
        }
    }

    private bool AnyChildStopping()
    {
        lock (_children)
        {
            return _children.Values.Any(c => c.Stopping);
        }
    }

    private void StopAllChildren()
    {
        foreach (var child in ChildEntries())
        {
            Stop(child.Actor);
        }
    }

    private void SendToChildren(SystemMessage message, bool includeStopping = false)
    {
        foreach (var child in ChildEntries())
        {
            if (includeStopping || !child.Stopping)
            {
                child.Actor.SendSystemMessage(message);
            }
        }
    }
}
