using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Akka.Actor;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Play;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// <c>play</c> (and <c>session resume ID</c>): starts or resumes a session, receives and decodes
/// its frames for <c>--seconds</c> (or until Ctrl+C, Q, or the session ends elsewhere), resuming
/// on its own when the connection comes back, ends the session unless <c>--keep</c>, and prints
/// what it measured. In a terminal it draws the frames and reads the keys
/// (<see cref="TerminalView"/>, <see cref="KeyboardInput"/>); with <c>--headless</c>, or when
/// output is not a terminal, it only decodes them, and a status line per second on stderr shows
/// progress unless <c>--json</c>. <c>--record DIR</c> also writes every frame as a PNG;
/// <c>--frame-log FILE</c> writes a line <c>TICK RECEIVED_MS STARTED_MS</c> per frame received (<see cref="FrameLog"/>).
/// </summary>
public static class PlayCommand
{
    public static Command Create(Assembly defaults, string name, string description, bool sessionRequired)
    {
        var headless = new Option<bool>("--headless") { Description = "Decode frames without drawing them" };
        var seconds = new Option<double>("--seconds") { Description = "Play this long, then end the session (0: until Ctrl+C)" };
        var ticks = new Option<int>("--ticks") { Description = "Ticks per second of a new session (0: the coordinator's default)" };
        var keep = new Option<bool>("--keep") { Description = "Leave the session running at exit, to resume it later" };
        var autopilot = new Option<bool>("--autopilot") { Description = "Steer by a fixed key pattern (for headless runs)" };
        var record = new Option<DirectoryInfo?>("--record") { Description = "Also write every frame as a PNG file into this folder" };
        var frameLog = new Option<FileInfo?>("--frame-log") { Description = "Also write a line 'TICK RECEIVED_MS STARTED_MS' per frame received into this file (Unix milliseconds: its arrival, its tick's start)" };
        var command = new Command(name, description) { headless, seconds, ticks, keep, autopilot, record, frameLog };
        Option<string?>? sessionOption = null;
        Argument<string>? sessionArgument = null;
        if (sessionRequired)
        {
            sessionArgument = new Argument<string>("session") { Description = "Session id" };
            command.Arguments.Add(sessionArgument);
        }
        else
        {
            sessionOption = new Option<string?>("--session") { Description = "Resume this session instead of starting one" };
            command.Options.Add(sessionOption);
        }

        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            var json = parse.GetValue(GamerOptions.Json);
            var interactive = !parse.GetValue(headless) && !json && !Console.IsOutputRedirected && !Console.IsInputRedirected;
            using var context = ClientContext.Load(parse, defaults, quiet: interactive);
            var resume = sessionArgument is not null ? parse.GetValue(sessionArgument) : parse.GetValue(sessionOption!);
            // Opened before the connection, so it is closed after it: no frame comes in once it is.
            using var arrivals = parse.GetValue(frameLog) is { } file ? new FrameLog(file.FullName) : null;
            await using var connection = await context.ConnectAsync(cancellation);
            var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
            var view = interactive ? new FrameHandOff() : null;
            var recorder = parse.GetValue(record) is { } folder ? new FrameRecorder(folder.FullName) : null;
            var options = new PlayOptions(parse.GetValue(ticks), resume, parse.GetValue(autopilot), recorder, view, arrivals);
            var player = connection.System.ActorOf(PlayActor.Props(connection.Link, options, started, ended), "player");
            connection.Subscribe(player);
            var session = await WithTimeout(started.Task, context.Settings.RequestTimeout, resume is null ? "start the session" : "resume session " + resume, cancellation);
            var clock = Stopwatch.StartNew();
            var limit = parse.GetValue(seconds);
            if (!json)
            {
                await context.Error.WriteLineAsync($"playing session {session.SessionId} at {session.TicksPerSecond} ticks/s as {connection.Account}");
            }

            if (view is not null)
            {
                await ViewAsync(limit, clock, connection, player, view, ended.Task, cancellation);
            }
            else
            {
                await WaitAsync(limit, parse.GetValue(headless) || json ? null : context.Error, player, clock, ended.Task, cancellation);
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            if (!parse.GetValue(keep) && !ended.Task.IsCompleted)
            {
                player.Tell(EndPlay.Instance);
                await Task.WhenAny(ended.Task, Task.Delay(context.Settings.RequestTimeout, CancellationToken.None));
                if (!ended.Task.IsCompleted)
                {
                    await context.Error.WriteLineAsync($"gamer: session {session.SessionId} did not confirm its end within {context.Settings.RequestTimeout.TotalSeconds:0} s; it is paused, and `session end {session.SessionId}` ends it");
                }
            }

            var report = await player.Ask<string>(new FinishPlay(elapsed), context.Settings.RequestTimeout, CancellationToken.None);
            await context.Output.WriteLineAsync(json ? report : "session " + session.SessionId + ": " + report);
            if (ended.Task.IsFaulted)
            {
                await context.Error.WriteLineAsync("gamer: the session was lost: " + ended.Task.Exception!.InnerException!.Message);
                return 1;
            }

            return 0;
        }));
        return command;
    }

    private static async Task<T> WithTimeout<T>(Task<T> task, TimeSpan timeout, string what, CancellationToken cancellation)
    {
        try
        {
            return await task.WaitAsync(timeout, cancellation);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the coordinator did not {what} within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Draws the newest frame about 30 times a second and sends keys until the time is up, Ctrl+C, Q or the session's end.</summary>
    private static async Task ViewAsync(double limit, Stopwatch clock, GamerConnection connection, IActorRef player, FrameHandOff frames, Task ended, CancellationToken cancellation)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var view = new TerminalView();
        await using var keyboard = new KeyboardInput(player, quit.Cancel);
        var credits = new CreditsSpent(connection);
        while ((limit <= 0 || clock.Elapsed.TotalSeconds < limit) && !quit.IsCancellationRequested && !ended.IsCompleted)
        {
            if (frames.TryTake(out var frame))
            {
                var caption = frame.Caption.Length > 0 ? frame.Caption + " | " : "";
                view.Draw(frame, $"{caption}tick {frame.Tick} | {frame.Fps:0.0} fps | latency {frame.LatencyMs:0} ms | helpers {frame.Helpers} | validated {frame.Validated} | credits spent {credits.Spent} | WASD move, space jump, E dig, F place, Q quit");
            }

            credits.Refresh(quit.Token);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(33), quit.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits out the time (or Ctrl+C, or the session's end), printing the running report each second to <paramref name="progress"/>, if any.</summary>
    private static async Task WaitAsync(double limit, TextWriter? progress, IActorRef player, Stopwatch clock, Task ended, CancellationToken cancellation)
    {
        while ((limit <= 0 || clock.Elapsed.TotalSeconds < limit) && !cancellation.IsCancellationRequested && !ended.IsCompleted)
        {
            var step = limit <= 0 ? 1.0 : Math.Min(1.0, limit - clock.Elapsed.TotalSeconds);
            await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(Math.Max(0.01, step)), cancellation));
            if (progress is not null && !cancellation.IsCancellationRequested)
            {
                await progress.WriteLineAsync(await player.Ask<string>(new FinishPlay(clock.Elapsed.TotalSeconds), TimeSpan.FromSeconds(2)));
            }
        }
    }
}
