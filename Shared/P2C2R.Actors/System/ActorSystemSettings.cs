using P2C2R.Hocon;

namespace P2C2R.Actors;

/// <summary>The runtime's settings, read once from <c>p2c2r.actor</c> so hot paths read fields, not config.</summary>
public sealed class ActorSystemSettings
{
    public ActorSystemSettings(Config config)
    {
        Config = config;
        var actor = config.GetConfig("p2c2r.actor");
        AskTimeout = actor.GetDuration("ask-timeout");
        Throughput = actor.GetInt("dispatcher.throughput");
        MailboxCapacity = Count(actor, "mailbox.capacity");
        MailboxOverflow = actor.GetString("mailbox.overflow") switch
        {
            "drop-newest" => OverflowPolicy.DropNewest,
            "drop-oldest" => OverflowPolicy.DropOldest,
            var other => throw new ConfigException($"p2c2r.actor.mailbox.overflow: expected drop-newest or drop-oldest, got '{other}'"),
        };
        StashCapacity = Count(actor, "stash-capacity");
        LogDeadLetters = actor.GetInt("log-dead-letters");
        LogDeadLettersDuringShutdown = actor.GetBoolean("log-dead-letters-during-shutdown");
        GuardianStrategy = actor.GetString("guardian-supervisor-strategy") switch
        {
            "default" => SupervisorStrategy.DefaultStrategy,
            "stopping" => SupervisorStrategy.StoppingStrategy,
            var other => throw new ConfigException($"p2c2r.actor.guardian-supervisor-strategy: expected default or stopping, got '{other}'"),
        };
        if (Throughput < 1)
        {
            throw new ConfigException("p2c2r.actor.dispatcher.throughput must be at least 1");
        }
    }

    public Config Config { get; }
    public TimeSpan AskTimeout { get; }
    public int Throughput { get; }
    public int MailboxCapacity { get; }
    public OverflowPolicy MailboxOverflow { get; }
    public int StashCapacity { get; }
    public int LogDeadLetters { get; }
    public bool LogDeadLettersDuringShutdown { get; }
    public SupervisorStrategy GuardianStrategy { get; }

    private static int Count(Config config, string path) =>
        config.GetString(path) == "unbounded" ? MessageQueue.Unbounded : config.GetInt(path);
}
