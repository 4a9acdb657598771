using P2C2R.Actors;

namespace P2C2R.Benchmarks;

/// <summary>Completes <c>done</c> after <c>count</c> messages: the finish line of a harness.</summary>
public sealed class CountdownActor : ReceiveActor
{
    public CountdownActor(int count, TaskCompletionSource done)
    {
        var left = count;
        ReceiveAny(_ =>
        {
            if (--left == 0)
            {
                done.TrySetResult();
            }
        });
    }
}
