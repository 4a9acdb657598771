using System.Buffers;
using P2C2R.Actors;

namespace P2C2R.Remote;

/// <summary>
/// Local recipients by path, with the permission verdict for the association's role cached
/// beside them, so steady traffic costs one lookup keyed by the path's text (no string built).
/// </summary>
internal sealed class RecipientCache(RemoteTransport transport)
{
    private const int MaximumEntries = 4096;
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Target Resolve(ReadOnlySequence<byte> utf8, string role, long offset)
    {
        if (utf8.Length <= PathText.StackLimit)
        {
            Span<char> chars = stackalloc char[PathText.StackLimit];
            var count = PathText.DecodeInto(utf8, chars, offset);
            var text = chars[..count];
            lock (_gate)
            {
                if (_targets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var cached) &&
                    cached.Actor is not { IsTerminated: true })
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
        }
    }

    private Target Add(string elements, string role)
    {
        var target = new Target(elements, transport.System.ResolveLocal(elements), transport.Settings.Permissions.AllowsPath(role, elements));
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
    internal sealed record Target(string Elements, ActorRefBase? Actor, bool PathAllowed);
}
