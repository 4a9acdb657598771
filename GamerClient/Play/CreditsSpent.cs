using P2C2R.GamerClient.Connection;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Credits spent since the view opened: the gamer's own durable balance, asked for every two
/// seconds in the background, so a slow answer never holds up drawing.
/// </summary>
public sealed class CreditsSpent(GamerConnection connection)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private long _initial = -1;
    private long _spent;
    private DateTime _next;
    private Task _asking = Task.CompletedTask;

    public long Spent => Volatile.Read(ref _spent);

    /// <summary>Asks for the balance again when the last answer is old enough and no question is open.</summary>
    public void Refresh(CancellationToken cancellation)
    {
        if (DateTime.UtcNow < _next || !_asking.IsCompleted)
        {
            return;
        }

        _next = DateTime.UtcNow + Every;
        _asking = AskAsync(cancellation);
    }

    private async Task AskAsync(CancellationToken cancellation)
    {
        try
        {
            var balance = await connection.RequestAsync<AccountBalance>(new QueryBalance(), cancellation);
            if (_initial < 0)
            {
                _initial = balance.Credits;
            }

            Volatile.Write(ref _spent, _initial - balance.Credits);
        }
        catch (Exception error) when (error is TimeoutException or CoordinatorUnavailableException or OperationCanceledException)
        {
            // A reconnect is under way or the view is closing; the line keeps the last figure meanwhile.
        }
    }
}
