using Akka.Actor;
using P2C2R.GameSdk;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Reads keys from the terminal and tells the play actor which game keys are held. A terminal
/// reports presses, not releases, so a key counts as held for <see cref="HoldFor"/> after its
/// last press (auto-repeat keeps a held key alive). WASD or the arrows move and turn, space
/// jumps, E digs, F places, Q or Esc quits.
/// </summary>
public sealed class KeyboardInput : IAsyncDisposable
{
    private static readonly TimeSpan HoldFor = TimeSpan.FromMilliseconds(180);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(15);
    private readonly Dictionary<int, DateTime> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public KeyboardInput(IActorRef player, Action quit) => _loop = Task.Run(() => RunAsync(player, quit));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>The game key of a console key, 0 for none, −1 for quit.</summary>
    public static int Map(ConsoleKeyInfo key) => key.Key switch
    {
        ConsoleKey.W or ConsoleKey.UpArrow => GameKeys.Forward,
        ConsoleKey.S or ConsoleKey.DownArrow => GameKeys.Back,
        ConsoleKey.A or ConsoleKey.LeftArrow => GameKeys.Left,
        ConsoleKey.D or ConsoleKey.RightArrow => GameKeys.Right,
        ConsoleKey.Spacebar => GameKeys.Jump,
        ConsoleKey.E => GameKeys.Dig,
        ConsoleKey.F => GameKeys.Place,
        ConsoleKey.Q or ConsoleKey.Escape => -1,
        _ => 0,
    };

    private async Task RunAsync(IActorRef player, Action quit)
    {
        var sent = 0;
        while (!_stop.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            while (Console.KeyAvailable)
            {
                var key = Map(Console.ReadKey(intercept: true));
                if (key < 0)
                {
                    quit();
                    return;
                }

                if (key > 0)
                {
                    _held[key] = now + HoldFor;
                }
            }

            var keys = 0;
            foreach (var (bit, until) in _held)
            {
                keys |= until > now ? bit : 0;
            }

            if (keys != sent)
            {
                player.Tell(new HoldKeys(keys));
                sent = keys;
            }

            try
            {
                await Task.Delay(Poll, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
