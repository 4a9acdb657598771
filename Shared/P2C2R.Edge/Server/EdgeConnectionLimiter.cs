using System.Collections.Concurrent;
using System.Net;

namespace P2C2R.Edge.Server;

/// <summary>
/// Open edge connections per remote address, so one host cannot take the coordinator's sockets
/// and memory (docs/PROTOCOL.md §3). Counts every connection from accept on, handshake included.
/// </summary>
public sealed class EdgeConnectionLimiter(int maxPerAddress)
{
    private readonly ConcurrentDictionary<IPAddress, int> open = new();

    public int MaxPerAddress { get; } = maxPerAddress;

    /// <summary>Open connections from <paramref name="address"/>.</summary>
    public int OpenFrom(IPAddress address) => open.GetValueOrDefault(address);

    public bool TryAcquire(IPAddress address)
    {
        while (true)
        {
            if (!open.TryGetValue(address, out var count))
            {
                if (MaxPerAddress < 1)
                {
                    return false;
                }

                if (open.TryAdd(address, 1))
                {
                    return true;
                }

                continue;
            }

            if (count >= MaxPerAddress)
            {
                return false;
            }

            if (open.TryUpdate(address, count + 1, count))
            {
                return true;
            }
        }
    }

    public void Release(IPAddress address)
    {
        while (open.TryGetValue(address, out var count))
        {
            if (count <= 1
                ? open.TryRemove(new KeyValuePair<IPAddress, int>(address, count))
                : open.TryUpdate(address, count - 1, count))
            {
                return;
            }
        }
    }
}
