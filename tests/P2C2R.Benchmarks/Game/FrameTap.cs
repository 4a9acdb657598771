using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Game;

/// <summary>Open the measured window now; answered with <see cref="WindowOpened"/> once a frame has set its start.</summary>
public sealed record OpenWindow;

public sealed record WindowOpened;

/// <summary>Close the window; answered with <see cref="WindowReport"/>.</summary>
public sealed record CloseWindow;

/// <summary>What the gamer saw in the window: frames, their latency, and the session's counters at its first and last frame.</summary>
public sealed record WindowReport(long Frames, double LatencyP50Ms, double LatencyP99Ms, SessionCounters First, SessionCounters Last);

/// <summary>Answered with the helpers the session's last frame counted.</summary>
public sealed record HelpersSeen;

/// <summary>
/// Sits between the gamer's connection and its <c>PlayActor</c> (which decodes every frame, as
/// <c>GamerClient play</c> does) and forwards everything to it; meanwhile it measures the window
/// the harness opens and closes: frames, latency from the tick's start on the coordinator to the
/// frame's arrival here (one clock: same machine), and the session's counters carried by the frames.
/// </summary>
public sealed class FrameTap : ReceiveActor
{
    private readonly List<double> latencies = [];
    private SessionCounters? last;
    private SessionCounters? first;
    private IActorRef? opening;
    private bool open;
    private long frames;

    public FrameTap(IActorRef player)
    {
        Receive<OpenWindow>(_ =>
        {
            latencies.Clear();
            frames = 0;
            first = null;
            open = true;
            opening = Sender;
        });
        Receive<CloseWindow>(_ =>
        {
            open = false;
            var sorted = latencies.Order().ToArray();
            Sender.Tell(sorted.Length == 0 || first is null || last is null
                ? new Status.Failure(new InvalidOperationException("no frame arrived in the window"))
                : new WindowReport(frames, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(0.99 * sorted.Length))], first, last));
        });
        Receive<HelpersSeen>(_ => Sender.Tell(last?.Helpers ?? -1));
        Receive<FrameUpdate>(frame =>
        {
            last = frame.Counters;
            if (open)
            {
                if (first is null)
                {
                    first = frame.Counters;
                    opening?.Tell(new WindowOpened());
                    opening = null;
                }
                else
                {
                    frames++;
                    latencies.Add(((DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond - frame.TickStartedUnixMicros) / 1000.0);
                }
            }

            player.Forward(frame);
        });
        ReceiveAny(player.Forward);
    }
}
