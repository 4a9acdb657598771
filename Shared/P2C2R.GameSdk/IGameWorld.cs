using P2C2R.Tasks.Render;

namespace P2C2R.GameSdk;

/// <summary>
/// One running world, owned by one session actor (never shared across threads). It must be a
/// pure function of its options and the keys of each tick: no clock, no unseeded randomness, no
/// transcendental functions from the runtime, no hash-set order. That is what lets a session be
/// recovered from its journal, replayed by a gamer, and checked frame by frame.
/// </summary>
public interface IGameWorld
{
    /// <summary>Ticks played so far; the next <see cref="Advance"/> plays tick <c>Tick</c>.</summary>
    long Tick { get; }

    /// <summary>
    /// Plays one tick with the keys held (<see cref="GameKeys"/>). Tasks due at this tick are
    /// resolved through <paramref name="results"/> first, in the order they were planned; then the
    /// rules run; then the world may plan new tasks (<see cref="Planned"/>).
    /// </summary>
    void Advance(int keys, ITaskResults results);

    /// <summary>The tasks the last <see cref="Advance"/> planned, to run while later ticks play.</summary>
    IReadOnlyList<GameTask> Planned { get; }

    /// <summary>
    /// The ray-trace input of one horizontal band of this tick's frame. It may share buffers with
    /// the world (all bands of a tick share one scene), so it is valid until the next
    /// <see cref="Advance"/>: encode or render it before playing on.
    /// </summary>
    RaytraceInput DescribeFrame(int band);

    /// <summary>A line of text shown with the frame (a villager speaking, say), or empty.</summary>
    string Caption { get; }

    /// <summary>The whole state, in a fixed byte layout, for snapshots and digests.</summary>
    byte[] Snapshot();
}
