using P2C2R.Actors;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Play;

/// <summary>Credits spent since the view opened: the account's durable balance, asked for every two seconds.</summary>
public sealed class CreditsSpent(IActorRef sessions, string account)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private long? _initial;
    private DateTime _next;

    public long Spent { get; private set; }

    public async Task RefreshAsync()
    {
        if (DateTime.UtcNow < _next)
        {
            return;
        }

        _next = DateTime.UtcNow + Every;
        try
        {
            var balance = await sessions.Ask<AccountBalance>(new QueryBalance(account), TimeSpan.FromSeconds(1));
            _initial ??= balance.Credits;
            Spent = _initial.Value - balance.Credits;
        }
        catch (TimeoutException)
        {
            // The next refresh asks again; the line keeps the last figure meanwhile.
        }
    }
}
