namespace P2C2R.Coordinator.Web.Community;

/// <summary>
/// The latest <see cref="CommunitySnapshot"/>, handed from <see cref="CommunityFeed"/> (an actor)
/// to the page requests, which read it without asking the actor anything.
/// </summary>
public sealed class CommunityState
{
    private CommunitySnapshot? _latest;

    public CommunitySnapshot? Latest => Volatile.Read(ref _latest);

    public void Publish(CommunitySnapshot snapshot) => Volatile.Write(ref _latest, snapshot);
}
