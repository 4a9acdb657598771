using MessagePack;
using P2C2R.Coordinator.Serialization;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Registry → <see cref="HelperStanding"/> (any node): what is the standing of helper
/// <paramref name="Key"/> (account/name)? Asked before a helper is admitted, so a helper
/// quarantined through one node is quarantined on whichever node it joins.
/// </summary>
[MessagePackObject]
public sealed record GetStanding([property: Key(0)] string Key) : ICoordinatorMessage;

/// <summary>
/// <see cref="HelperStanding"/> → registry: the answer to <see cref="GetStanding"/>;
/// <paramref name="Latest"/> is null for a helper never judged anywhere.
/// </summary>
[MessagePackObject]
public sealed record Standing(
    [property: Key(0)] string Key,
    [property: Key(1)] ReputationChanged? Latest) : ICoordinatorMessage;
