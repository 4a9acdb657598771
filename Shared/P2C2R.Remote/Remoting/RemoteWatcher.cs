using P2C2R.Actors;

namespace P2C2R.Remote;

/// <summary>
/// Local watchers of remote actors, by remote address. A remote actor's own death arrives as a
/// message; this covers the deaths nobody can report: the remote system crashed (failure
/// detector), restarted (new uid) or was removed from the cluster. Then every watcher of an
/// actor there gets its <see cref="Terminated"/>, exactly as if each actor had stopped.
/// </summary>
internal sealed class RemoteWatcher
{
    private readonly Dictionary<Address, HashSet<(RemoteActorRef Watchee, ActorRefBase Watcher)>> _watches = [];
    private readonly Lock _gate = new();

    public void Add(RemoteActorRef watchee, ActorRefBase watcher)
    {
        lock (_gate)
        {
            if (!_watches.TryGetValue(watchee.Address, out var set))
            {
                _watches[watchee.Address] = set = [];
            }

            set.Add((watchee, watcher));
        }
    }

    public void Remove(RemoteActorRef watchee, ActorRefBase watcher)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(watchee.Address, out var set) && set.Remove((watchee, watcher)) && set.Count == 0)
            {
                _watches.Remove(watchee.Address);
            }
        }
    }

    /// <summary>Delivers a death notice for every watched actor at the address (an optional incarnation only).</summary>
    public void AddressTerminated(Address address, long incarnation = 0)
    {
        List<(RemoteActorRef Watchee, ActorRefBase Watcher)> dead;
        lock (_gate)
        {
            if (!_watches.TryGetValue(address, out var set))
            {
                return;
            }

            dead = [.. set.Where(w => incarnation == 0 || w.Watchee.Incarnation == 0 || w.Watchee.Incarnation == incarnation)];
            set.ExceptWith(dead);
            if (set.Count == 0)
            {
                _watches.Remove(address);
            }
        }

        foreach (var (watchee, watcher) in dead)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(watchee));
        }
    }
}
