using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using P2C2R.Actors;
using P2C2R.GamerClient.Play;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// <c>play</c> (and <c>session resume ID</c>): starts or resumes a session, receives and decodes
/// its frames for <c>--seconds</c> (or until Ctrl+C or Q), resuming on its own when the
/// coordinator restarts, ends it, and prints what it measured. In a terminal it draws the frames
/// and reads the keys (<see cref="TerminalView"/>, <see cref="KeyboardInput"/>); with
/// <c>--headless</c>, or when output is not a terminal, it only decodes them, and a status line per
/// second shows progress unless <c>--json</c>. <c>--record DIR</c> also writes every frame as a PNG.
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
        var command = new Command(name, description) { headless, seconds, ticks, keep, autopilot, record };
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

        command.SetAction(async (parse, cancellation) => await GamerCommands.Guarded(async () =>
        {
            var interactive = !parse.GetValue(headless) && !GamerCommands.Json(parse) && !Console.IsOutputRedirected && !Console.IsInputRedirected;
            var context = GamerCommands.Context(parse, defaults, quiet: interactive);
            var resume = sessionArgument is not null ? parse.GetValue(sessionArgument) : parse.GetValue(sessionOption!);
            await using var connection = context.Connect();
            var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
            var recorder = parse.GetValue(record) is { } folder ? new FrameRecorder(folder.FullName) : null;
            PlayStatus? latest = null;
            Action<PlayStatus>? show = interactive ? status => Volatile.Write(ref latest, status) : null;
            var player = connection.System.ActorOf(Props.Create(() => new PlayActor(started, ended, show, connection.Sessions, parse.GetValue(autopilot), recorder)), "player");
            connection.Sessions.Tell(resume is null ? new StartSession(player, Environment.UserName, parse.GetValue(ticks)) : new ResumeSession(resume, player), player);
            var session = await started.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellation);
            var clock = Stopwatch.StartNew();
            var limit = parse.GetValue(seconds);
            if (!context.Json)
            {
                await Console.Error.WriteLineAsync($"playing session {session.SessionId} at {session.TicksPerSecond} ticks/s");
            }

            if (interactive)
            {
                await ViewAsync(limit, clock, connection, player, () => Volatile.Read(ref latest), cancellation);
            }
            else
            {
                await WaitAsync(limit, parse.GetValue(headless) || context.Json, player, clock, cancellation);
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            if (!parse.GetValue(keep))
            {
                connection.Sessions.Tell(new EndSession(session.SessionId), player);
                await Task.WhenAny(ended.Task, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            }

            var report = await player.Ask<string>(new FinishPlay(elapsed), TimeSpan.FromSeconds(5));
            Console.WriteLine(context.Json ? report : "session " + session.SessionId + ": " + report);
            return 0;
        }));
        return command;
    }

    /// <summary>Draws the newest frame about 30 times a second and sends keys until the time is up, Ctrl+C or Q.</summary>
    private static async Task ViewAsync(double limit, Stopwatch clock, Connection.GamerConnection connection, IActorRef player, Func<PlayStatus?> latest, CancellationToken cancellation)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var view = new TerminalView();
        await using var keyboard = new KeyboardInput(player, quit.Cancel);
        var credits = new CreditsSpent(connection.Sessions, Environment.UserName);
        PlayStatus? drawn = null;
        while ((limit <= 0 || clock.Elapsed.TotalSeconds < limit) && !quit.IsCancellationRequested)
        {
            if (latest() is { } frame && !ReferenceEquals(frame, drawn))
            {
                var caption = frame.Caption.Length > 0 ? frame.Caption + " | " : "";
                view.Draw(frame, $"{caption}tick {frame.Tick} | {frame.Fps:0.0} fps | latency {frame.LatencyMs:0} ms | helpers {frame.Helpers} | validated {frame.Validated} | credits spent {credits.Spent} | WASD move, space jump, E dig, F place, Q quit");
                drawn = frame;
            }

            await credits.RefreshAsync();
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

    private static async Task WaitAsync(double limit, bool quiet, IActorRef player, Stopwatch clock, CancellationToken cancellation)
    {
        while ((limit <= 0 || clock.Elapsed.TotalSeconds < limit) && !cancellation.IsCancellationRequested)
        {
            var step = limit <= 0 ? 1.0 : Math.Min(1.0, limit - clock.Elapsed.TotalSeconds);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.01, step)), cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!quiet)
            {
                await Console.Error.WriteLineAsync(await player.Ask<string>(new FinishPlay(clock.Elapsed.TotalSeconds), TimeSpan.FromSeconds(2)));
            }
        }
    }
}
