namespace P2C2R.Coordinator.Web.Community;

/// <summary>
/// What the public community page shows at one moment: the compute all helpers gave (validated
/// results, credits earned, credits donated to the community fund) and the helpers who earned
/// most. Built by <see cref="CommunityFeed"/>, so a page request never reaches an actor.
/// </summary>
public sealed record CommunitySnapshot(DateTime At, long TasksValidated, long CreditsEarned, long CreditsDonated, int HelpersConnected, CommunityHelper[] Top);

/// <summary>
/// One helper account on the community page: its <see cref="Label"/> is a helper's name only when
/// that helper opted in (<c>p2c2r.peer.public-name</c>); otherwise it is <see cref="CommunityFeed.Anonymous"/>.
/// </summary>
public sealed record CommunityHelper(string Label, long Credits, long Validated, bool Connected);
