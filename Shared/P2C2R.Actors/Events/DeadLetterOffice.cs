using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>
/// Counts, logs and publishes undeliverable messages. Logging stops after the configured number
/// so a flood cannot drown the log; the count keeps going. An Ask whose request dies here fails
/// immediately.
/// </summary>
internal sealed class DeadLetterOffice(ActorSystem system, ILogger log)
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Publish(object message, IActorRef? sender, IActorRef recipient, string reason)
    {
        var number = Interlocked.Increment(ref _count);
        if (sender is PromiseActorRef promise)
        {
            promise.Fail(new AskTimeoutException($"Ask to [{recipient.Path}] failed: {reason}"));
        }

        system.EventStream.Publish(new DeadLetter(message, sender, recipient, reason));
        var limit = system.Settings.LogDeadLetters;
        if (number > limit || (system.IsTerminating && !system.Settings.LogDeadLettersDuringShutdown))
        {
            return;
        }

        log.LogInformation(
            "Dead letter {Number}: {MessageType} from {Sender} to {Recipient} ({Reason}){Suffix}",
            number, message.GetType().Name, sender?.Path.ToString() ?? "no sender", recipient.Path, reason,
            number == limit ? "; further dead letters are counted but not logged" : "");
    }
}
