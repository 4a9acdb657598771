using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// The operator's secret (<c>--operator-token</c>): a request shows it as a bearer token or in the
/// cookie that <c>/?token=…</c> sets (HttpOnly, SameSite=Strict), so the token is typed once and a
/// browser's <c>EventSource</c>, which cannot send headers, still carries it. Compared in constant
/// time over hashes, so neither its bytes nor its length leak through timing.
/// </summary>
public sealed class OperatorToken(string token)
{
    public const string Cookie = "p2c2r-operator";
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool Matches(string? given) =>
        given is { Length: > 0 and <= 1024 } && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    public bool Allows(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return Matches(request.Cookies[Cookie])
            || (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(authorization["Bearer ".Length..]));
    }
}
