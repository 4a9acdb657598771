using System.Text;
using System.Buffers;
using P2C2R.Actors;

namespace P2C2R.Remote;

/// <summary>
/// Local recipients by path, with the permission verdict for the association's role cached
/// beside them, so steady traffic costs one lookup keyed by the path's text (no string built),
/// and a stream to one recipient costs a byte comparison with the last one. Only live actors are
/// reused: a path with nobody there (yet) is looked up again on the next message, so an actor
/// created after its first message arrived (a coordinator still starting) is found.
/// </summary>
internal sealed class RecipientCache(RemoteTransport transport)
{
    private const int MaximumEntries = 4096;
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Target? _last;

    public Target Resolve(ReadOnlySequence<byte> utf8, string role, long offset)
    {
        var last = Volatile.Read(ref _last);
        if (last is { Actor.IsTerminated: false } && utf8.IsSingleSegment && utf8.FirstSpan.SequenceEqual(last.Utf8))
        {
            return last;
        }

        var target = Lookup(utf8, role, offset);
        Volatile.Write(ref _last, target);
        return target;
    }

    private Target Lookup(ReadOnlySequence<byte> utf8, string role, long offset)
    {
        if (utf8.Length <= PathText.StackLimit)
        {
            Span<char> chars = stackalloc char[PathText.StackLimit];
            var count = PathText.DecodeInto(utf8, chars, offset);
            var text = chars[..count];
            lock (_gate)
            {
                if (_targets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var cached) &&
                    cached.Actor is { IsTerminated: false })
                {
                    return cached;
                }
            }

            return Add(text.ToString(), role);
        }

        return Add(PathText.Decode(utf8, offset), role);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _targets.Clear();
            _last = null;
        }
    }

    private Target Add(string elements, string role)
    {
        var target = new Target(elements, Encoding.UTF8.GetBytes(elements), transport.System.ResolveLocal(elements), transport.Settings.Permissions.AllowsPath(role, elements));
        lock (_gate)
        {
            if (_targets.Count >= MaximumEntries)
            {
                _targets.Clear();
            }

            _targets[elements] = target;
        }

        return target;
    }

    /// <summary>A resolved recipient: the actor (null when none lives there) and whether the role may reach it.</summary>
    internal sealed record Target(string Elements, byte[] Utf8, ActorRefBase? Actor, bool PathAllowed);
}
