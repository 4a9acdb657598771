using System.Text;
using Akka.Actor;

namespace P2C2R.PeerNode.Membership;

/// <summary>
/// Which coordinator node a member helper asks for work. Member helpers started together should
/// not all land on one node, and a helper should not need to know the others: each starts at a
/// place in the sorted list given by a stable hash of its own address, and moves one place on per
/// <c>turn</c> (each failure or loss), so a departed or unreachable node is left behind. A helper
/// its coordinator moved goes to the member on the host it was told, when exactly one is there.
/// </summary>
public static class CoordinatorChoice
{
    /// <summary>
    /// The coordinator on <paramref name="movedToHost"/> if it is the only one there, else the one
    /// for <paramref name="turn"/>; null when there is none to ask.
    /// </summary>
    public static Address? Pick(IEnumerable<Address> coordinators, Address self, int turn, string? movedToHost = null)
    {
        var sorted = coordinators.Select(a => (Key: a.ToString(), Address: a)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var there = sorted.FindAll(e => string.Equals(e.Address.Host, movedToHost, StringComparison.OrdinalIgnoreCase));
        if (there.Count == 1)
        {
            return there[0].Address;
        }

        var start = (int)(Fnv1a(self.ToString()) % (uint)sorted.Count);
        return sorted[(int)((start + (long)Math.Max(turn, 0)) % sorted.Count)].Address;
    }

    /// <summary>FNV-1a over UTF-8: the same on every run and machine, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
