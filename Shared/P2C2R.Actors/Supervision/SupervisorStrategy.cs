using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>
/// How a parent answers a child's failure: a decider maps the exception to a
/// <see cref="Directive"/>, and the strategy applies it to the failed child alone
/// (<see cref="OneForOneStrategy"/>) or to all children (<see cref="AllForOneStrategy"/>).
/// A child restarted more than <see cref="MaxNrOfRetries"/> times within
/// <see cref="WithinTimeRange"/> is stopped instead.
/// </summary>
public abstract class SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        _decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restart, except for failures no restart can cure (construction, Kill, a death pact).</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    public int MaxNrOfRetries { get; }
    public TimeSpan WithinTimeRange { get; }
    public bool LoggingEnabled { get; }

    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public Directive Decide(Exception exception) => _decider(exception);

    /// <returns>False when the failure is escalated.</returns>
    internal bool HandleFailure(ActorCell supervisor, ActorCell.ChildEntry child, Exception cause)
    {
        var directive = Decide(cause);
        if (directive == Directive.Escalate)
        {
            return false;
        }

        if (LoggingEnabled)
        {
            supervisor.System.SupervisionLog.Log(
                directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error,
                cause,
                "{Child} failed with {ExceptionType}: {Reason}; supervisor {Supervisor} decided {Directive}",
                child.Actor.Path, cause.GetType().Name, cause.Message, supervisor.SelfRef.Path, directive);
        }

        switch (directive)
        {
            case Directive.Resume:
                child.Actor.SendSystemMessage(new Resume(cause));
                break;
            case Directive.Restart:
                Restart(supervisor, child, cause);
                break;
            default:
                Stop(supervisor, child);
                break;
        }

        return true;
    }

    private protected abstract void Restart(ActorCell supervisor, ActorCell.ChildEntry failed, Exception cause);

    private protected abstract void Stop(ActorCell supervisor, ActorCell.ChildEntry failed);
}

/// <summary>Applies the directive to the failed child only: siblings are independent.</summary>
public sealed class OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
{
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    private protected override void Restart(ActorCell supervisor, ActorCell.ChildEntry failed, Exception cause)
    {
        if (failed.Restarts.RequestPermission(MaxNrOfRetries, WithinTimeRange))
        {
            failed.Actor.SendSystemMessage(new Recreate(cause));
        }
        else
        {
            supervisor.Stop(failed.Actor);
        }
    }

    private protected override void Stop(ActorCell supervisor, ActorCell.ChildEntry failed) => supervisor.Stop(failed.Actor);
}

/// <summary>Applies Restart and Stop to every child: for siblings that only make sense together.</summary>
public sealed class AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
{
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    private protected override void Restart(ActorCell supervisor, ActorCell.ChildEntry failed, Exception cause)
    {
        var children = supervisor.ChildEntries().Where(c => !c.Stopping).ToArray();
        var allowed = children.All(c => c.Restarts.RequestPermission(MaxNrOfRetries, WithinTimeRange));
        foreach (var child in children)
        {
            if (allowed)
            {
                child.Actor.SendSystemMessage(new Recreate(cause));
            }
            else
            {
                supervisor.Stop(child.Actor);
            }
        }
    }

    private protected override void Stop(ActorCell supervisor, ActorCell.ChildEntry failed)
    {
        foreach (var child in supervisor.ChildEntries())
        {
            supervisor.Stop(child.Actor);
        }
    }
}
