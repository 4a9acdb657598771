using System.Collections.Concurrent;
using System.Diagnostics;
using P2C2R.Actors;
using Xunit;

namespace P2C2R.TestKit;

/// <summary>
/// Expectations over the messages one test actor receives. Every wait has a timeout, dilated by
/// the configured time factor; inside <see cref="Within(TimeSpan, Action)"/> the default timeout
/// is whatever remains of the block.
/// </summary>
public abstract class TestKitBase
{
    private readonly BlockingCollection<ReceivedMessage> _queue = new(new ConcurrentQueue<ReceivedMessage>());
    private DateTime? _deadline;

    private protected TestKitBase(ActorSystem system, TestKitSettings settings, string name)
    {
        Sys = system;
        Settings = settings;
        TestActor = system.SystemActorOf(Props.Create(() => new TestActor(_queue)), name);
    }

    public ActorSystem Sys { get; }

    public TestKitSettings Settings { get; }

    /// <summary>The actor whose messages these expectations read; use it as sender or reply target.</summary>
    public IActorRef TestActor { get; }

    /// <summary>Sender of the last message received.</summary>
    public IActorRef LastSender { get; private set; } = null!;

    /// <summary>Messages received and not yet expected.</summary>
    public int PendingCount => _queue.Count;

    public TimeSpan Dilated(TimeSpan duration) => Settings.Dilated(duration);

    public void Send(IActorRef target, object message) => target.Tell(message, TestActor);

    public void Reply(object message) => LastSender.Tell(message, TestActor);

    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);

    /// <summary>Watches <paramref name="target"/> from the test actor; returns once the watch is set.</summary>
    public IActorRef Watch(IActorRef target)
    {
        TestActor.Ask(new TestActor.WatchRequest(target, true), Dilated(Settings.SingleExpectDefault)).Wait(Dilated(Settings.SingleExpectDefault));
        return target;
    }

    public IActorRef Unwatch(IActorRef target)
    {
        TestActor.Ask(new TestActor.WatchRequest(target, false), Dilated(Settings.SingleExpectDefault)).Wait(Dilated(Settings.SingleExpectDefault));
        return target;
    }

    public T ExpectMsg<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null, string? hint = null)
    {
        var received = ReceiveOne(timeout, $"a {typeof(T).Name}{(hint is null ? "" : $" ({hint})")}");
        if (received is not T typed)
        {
            Assert.Fail($"expected a {typeof(T).Name} but received {Describe(received)}");
            throw new UnreachableException();
        }

        if (predicate is not null && !predicate(typed))
        {
            Assert.Fail($"received {Describe(received)}, which does not match the expectation{(hint is null ? "" : $" ({hint})")}");
        }

        return typed;
    }

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var received = ReceiveOne(timeout, $"{Describe(expected)}");
        if (!Equals(received, expected))
        {
            Assert.Fail($"expected {Describe(expected)} but received {Describe(received)}");
        }

        return (T)received;
    }

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, $"Terminated of {target.Path}");

    /// <summary>Fails if any message arrives during <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = duration.HasValue ? Dilated(duration.Value) : Dilated(Settings.ExpectNoMessageDefault);
        if (_queue.TryTake(out var received, wait))
        {
            LastSender = received.Sender;
            Assert.Fail($"expected no message for {wait.TotalMilliseconds:0} ms but received {Describe(received.Message)}");
        }
    }

    /// <summary>Receives messages, dropping those that do not match, until one does.</summary>
    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = RemainingOrDefault(timeout);
        while (true)
        {
            var left = limit - deadline.Elapsed;
            var received = ReceiveOne(left > TimeSpan.Zero ? left : TimeSpan.Zero, $"a matching {typeof(T).Name}", dilate: false);
            if (received is T typed && isTheOne(typed))
            {
                return typed;
            }
        }
    }

    public object ReceiveOne(TimeSpan? timeout = null) => ReceiveOne(timeout, "a message");

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var limit = RemainingOrDefault(timeout);
        var messages = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var left = limit - watch.Elapsed;
            messages.Add(ReceiveOne(left > TimeSpan.Zero ? left : TimeSpan.Zero, $"message {i + 1} of {count}", dilate: false));
        }

        return messages;
    }

    /// <summary>Runs <paramref name="action"/>, which must finish between min and max (dilated).</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var dilatedMax = Dilated(max);
        var previous = _deadline;
        var start = Stopwatch.StartNew();
        _deadline = DateTime.UtcNow + dilatedMax;
        try
        {
            var result = function();
            var elapsed = start.Elapsed;
            if (elapsed < min)
            {
                Assert.Fail($"block finished in {elapsed.TotalMilliseconds:0} ms, before the minimum {min.TotalMilliseconds:0} ms");
            }

            if (elapsed > dilatedMax)
            {
                Assert.Fail($"block took {elapsed.TotalMilliseconds:0} ms, more than the maximum {dilatedMax.TotalMilliseconds:0} ms");
            }

            return result;
        }
        finally
        {
            _deadline = previous;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it passes or the time is up (then its failure is thrown).</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var limit = RemainingOrDefault(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (watch.Elapsed + pause < limit)
            {
                Thread.Sleep(pause);
            }
        }
    }

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) =>
        AwaitAssert(() => Assert.True(condition(), message ?? "condition not met in time"), max);

    private object ReceiveOne(TimeSpan? timeout, string expected, bool dilate = true)
    {
        var wait = timeout.HasValue ? (dilate ? Dilated(timeout.Value) : timeout.Value) : RemainingOrDefault(null);
        if (!_queue.TryTake(out var received, wait < TimeSpan.Zero ? TimeSpan.Zero : wait))
        {
            Assert.Fail($"timeout ({wait.TotalMilliseconds:0} ms) while waiting for {expected}");
        }

        LastSender = received.Sender;
        return received.Message;
    }

    private TimeSpan RemainingOrDefault(TimeSpan? timeout)
    {
        if (timeout.HasValue)
        {
            return Dilated(timeout.Value);
        }

        return _deadline is { } deadline ? deadline - DateTime.UtcNow : Dilated(Settings.SingleExpectDefault);
    }

    private static string Describe(object message) => $"{message.GetType().Name} {message}";
}
