using P2C2R.Coordinator.Web.Login;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// The store behind the one-time links, on a clock the test moves: a code works once and only
/// within its two minutes, a browser session ends after its hour, and the tables stay bounded, in
/// all and per account.
/// </summary>
public sealed class WebLoginsTests
{
    private static readonly WebAccount Ann = new("ann", EdgeRole.Gamer, "ann-laptop");
    private static readonly WebAccount Bob = new("bob", EdgeRole.Helper, "bob-box");
    private readonly Clock _clock = new();

    [Fact]
    public void A_code_is_random_base64url_and_opens_once()
    {
        var logins = new WebLogins(_clock);
        var code = logins.IssueCode(Ann).Code!;

        Assert.Matches("^[A-Za-z0-9_-]{43}$", code);
        Assert.NotEqual(code, logins.IssueCode(Ann).Code);
        Assert.Equal(Ann, logins.Redeem(code));
        Assert.Null(logins.Redeem(code));
    }

    [Fact]
    public void A_code_past_its_two_minutes_opens_nothing()
    {
        var logins = new WebLogins(_clock);
        var code = logins.IssueCode(Ann).Code;

        _clock.Now += WebLogins.CodeLifetime;

        Assert.Null(logins.Redeem(code));
    }

    [Fact]
    public void Malformed_codes_and_tokens_are_refused()
    {
        var logins = new WebLogins(_clock);
        var code = logins.IssueCode(Ann).Code!;

        Assert.Null(logins.Redeem(null));
        Assert.Null(logins.Redeem(""));
        Assert.Null(logins.Redeem(code + "x"));
        Assert.Null(logins.Session(code));
        Assert.Null(logins.Session(new string('A', 10_000)));
    }

    [Fact]
    public void A_browser_session_lasts_an_hour()
    {
        var logins = new WebLogins(_clock);
        var token = logins.OpenSession(Ann);

        _clock.Now += WebLogins.SessionLifetime - TimeSpan.FromSeconds(1);
        Assert.Equal(Ann, logins.Session(token));
        _clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(logins.Session(token));
    }

    [Fact]
    public void Outstanding_codes_are_bounded_and_expired_ones_make_room()
    {
        var logins = new WebLogins(_clock);
        for (var i = 0; i < WebLogins.MaxCodes; i++)
        {
            Assert.NotNull(logins.IssueCode(new WebAccount($"account-{i}", EdgeRole.Gamer, "")).Code);
        }

        Assert.Equal(LoginCode.Refusal(WebLogins.NodeFull), logins.IssueCode(Ann));
        _clock.Now += WebLogins.CodeLifetime;
        Assert.NotNull(logins.IssueCode(Ann).Code);
    }

    [Fact]
    public void An_account_gets_no_fifth_unused_code_until_one_is_used_or_expires()
    {
        var logins = new WebLogins(_clock);
        var codes = Enumerable.Range(0, WebLogins.MaxCodesPerAccount).Select(_ => logins.IssueCode(Ann).Code!).ToArray();

        Assert.Equal(LoginCode.Refusal("too many outstanding login codes"), logins.IssueCode(Ann));
        Assert.NotNull(logins.IssueCode(Bob).Code);
        Assert.Equal(Ann, logins.Redeem(codes[0]));
        Assert.NotNull(logins.IssueCode(Ann).Code);
        Assert.Null(logins.IssueCode(Ann).Code);
        _clock.Now += WebLogins.CodeLifetime;
        Assert.NotNull(logins.IssueCode(Ann).Code);
    }

    [Fact]
    public void An_accounts_ninth_browser_session_ends_its_oldest()
    {
        var logins = new WebLogins(_clock);
        var bobs = logins.OpenSession(Bob);
        var tokens = new List<string>();
        for (var i = 0; i <= WebLogins.MaxSessionsPerAccount; i++)
        {
            tokens.Add(logins.OpenSession(Ann)!);
            _clock.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Null(logins.Session(tokens[0]));
        Assert.All(tokens.Skip(1), token => Assert.Equal(Ann, logins.Session(token)));
        Assert.Equal(Bob, logins.Session(bobs));
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
