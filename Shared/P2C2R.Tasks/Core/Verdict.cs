namespace P2C2R.Tasks;

/// <summary>
/// What a verifier concluded about a result. A rejection always carries a reason a person can act
/// on ("pixel (3, 7) is (1, 2, 3), expected (1, 2, 4)"), because it ends up in reputation logs.
/// </summary>
public readonly record struct Verdict(bool Valid, string? Reason)
{
    public static Verdict Accept => new(true, null);

    public static Verdict Reject(string reason) => new(false, reason);

    public override string ToString() => Valid ? "valid" : "rejected: " + Reason;
}
