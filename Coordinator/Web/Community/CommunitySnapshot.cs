namespace P2C2R.Coordinator.Web.Community;

/// <summary>
/// What the public community page shows at one moment: the compute all helpers gave, as the
/// ledger records it for the whole cluster (<see cref="TasksComputed"/>, the validated tasks it paid
/// for, and <see cref="ComputeCredits"/>, their worth in credits: what helpers hold,
/// <see cref="CreditsEarned"/>, and what they gave the community fund, <see cref="CreditsDonated"/>),
/// and the helpers who earned most. Built by <see cref="CommunityFeed"/>, so a page request never
/// reaches an actor.
/// </summary>
public sealed record CommunitySnapshot(
    DateTime At,
    long TasksComputed,
    long ComputeCredits,
    long CreditsEarned,
    long CreditsDonated,
    int HelpersConnected,
    CommunityHelper[] Top);

/// <summary>
/// One helper account on the community page: its <see cref="Label"/> is a helper's name only when
/// that helper opted in (<c>p2c2r.peer.public-name</c>); otherwise it is <see cref="CommunityFeed.Anonymous"/>.
/// </summary>
public sealed record CommunityHelper(string Label, long Credits, long Validated, bool Connected);
