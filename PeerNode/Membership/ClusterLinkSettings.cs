using System.Security.Cryptography;

namespace P2C2R.PeerNode.Membership;

/// <summary>
/// Who a member helper is to the coordinators (its name and the key whose account it earns for,
/// the same as over the edge) and how patiently its <see cref="ClusterLink"/> asks them for work.
/// </summary>
public sealed record ClusterLinkSettings(string Name, ECDsa Key)
{
    /// <summary>How long a coordinator's gate may take to challenge and welcome the helper.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMin { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(5);
}
