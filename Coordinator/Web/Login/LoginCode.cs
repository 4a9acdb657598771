namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// What <see cref="WebLogins.IssueCode"/> gives: a fresh code, or none and why (<see cref="Refused"/>),
/// which the edge reply carries so that the asking command can tell its user.
/// </summary>
public sealed record LoginCode(string? Code, string Refused)
{
    public static LoginCode Issued(string code) => new(code, "");

    public static LoginCode Refusal(string reason) => new(null, reason);
}
