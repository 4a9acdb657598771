using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// Whom a browser signed in through a one-time link is: the account and role its edge connection
/// proved, and (for a helper) the helper's name, which with the account keys its standing.
/// Everything the /me pages show is read for this and nothing the browser sends.
/// </summary>
public sealed record WebAccount(string Account, EdgeRole Role, string Name);
