namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// The latest <see cref="DashboardSnapshot"/>, handed from <see cref="DashboardFeed"/> (an actor)
/// to the HTTP requests that stream it, which read it without asking the actor anything.
/// </summary>
public sealed class DashboardState
{
    private DashboardSnapshot? _latest;

    public DashboardSnapshot? Latest => Volatile.Read(ref _latest);

    public void Publish(DashboardSnapshot snapshot) => Volatile.Write(ref _latest, snapshot);
}
