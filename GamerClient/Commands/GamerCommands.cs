using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using P2C2R.Actors;
using P2C2R.GamerClient.Play;
using P2C2R.Hocon;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// <c>GamerClient session start|status|list|end|resume</c>, <c>GamerClient play</c> and
/// <c>GamerClient balance</c> and <c>GamerClient replay</c>, each with <c>--coordinator host:port</c>, <c>--config FILE</c> and <c>--json</c>.
/// </summary>
public static class GamerCommands
{
    private static readonly Option<string?> CoordinatorOption = new("--coordinator") { Description = "host:port of the coordinator", Recursive = true };
    private static readonly Option<FileInfo?> ConfigOption = new("--config") { Description = "HOCON file layered over the defaults and hocon/gamer.conf", Recursive = true };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Machine-readable output", Recursive = true };

    public static RootCommand Create(Assembly defaults)
    {
        var root = new RootCommand("P2C2R GamerClient: play a game computed by community helpers.") { CoordinatorOption, ConfigOption, JsonOption };
        var session = new Command("session", "Start, inspect, end or resume sessions");
        session.Subcommands.Add(Start(defaults));
        session.Subcommands.Add(Status(defaults));
        session.Subcommands.Add(List(defaults));
        session.Subcommands.Add(End(defaults));
        session.Subcommands.Add(PlayCommand.Create(defaults, "resume", "Resume a session and play it", sessionRequired: true));
        root.Subcommands.Add(session);
        root.Subcommands.Add(PlayCommand.Create(defaults, "play", "Start a session (or resume one with --session) and play it", sessionRequired: false));
        root.Subcommands.Add(Balance(defaults));
        root.Subcommands.Add(ReplayCommand.Create(defaults));
        return root;
    }

    internal static ClientContext Context(ParseResult parse, Assembly defaults, bool quiet = false) =>
        ClientContext.Load(defaults, parse.GetValue(ConfigOption), parse.GetValue(CoordinatorOption), parse.GetValue(JsonOption), quiet);

    internal static bool Json(ParseResult parse) => parse.GetValue(JsonOption);

    private static Command Start(Assembly defaults)
    {
        var ticks = new Option<int>("--ticks") { Description = "Ticks per second (0: the coordinator's default)" };
        var command = new Command("start", "Start a session and print its id") { ticks };
        command.SetAction(async (parse, _) => await Guarded(async () =>
        {
            var context = Context(parse, defaults);
            await using var connection = context.Connect();
            var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = new TaskCompletionSource<SessionEnded>();
            var listener = connection.System.ActorOf(Props.Create(() => new PlayActor(started, ended, null)));
            connection.Sessions.Tell(new StartSession(listener, Environment.UserName, parse.GetValue(ticks)), listener);
            var session = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Print(context, new { sessionId = session.SessionId, ticksPerSecond = session.TicksPerSecond }, $"session {session.SessionId} started at {session.TicksPerSecond} ticks/s");
            return 0;
        }));
        return command;
    }

    private static Command Status(Assembly defaults)
    {
        var id = new Argument<string>("session") { Description = "Session id" };
        var command = new Command("status", "Show one session") { id };
        command.SetAction(async (parse, _) => await Guarded(async () =>
        {
            var context = Context(parse, defaults);
            await using var connection = context.Connect();
            return Show(context, await connection.AskAsync(new QuerySession(parse.GetValue(id)!)));
        }));
        return command;
    }

    private static Command List(Assembly defaults)
    {
        var command = new Command("list", "List the coordinator's sessions");
        command.SetAction(async (parse, _) => await Guarded(async () =>
        {
            var context = Context(parse, defaults);
            await using var connection = context.Connect();
            var list = (SessionList)await connection.AskAsync(new ListSessions());
            Print(context, list.Sessions.Select(Describe).ToArray(), list.Sessions.Length == 0 ? "no sessions" : string.Join(Environment.NewLine, list.Sessions.Select(Line)));
            return 0;
        }));
        return command;
    }

    private static Command End(Assembly defaults)
    {
        var id = new Argument<string>("session") { Description = "Session id" };
        var command = new Command("end", "End a session") { id };
        command.SetAction(async (parse, _) => await Guarded(async () =>
        {
            var context = Context(parse, defaults);
            await using var connection = context.Connect();
            var reply = await connection.AskAsync(new EndSession(parse.GetValue(id)!));
            if (reply is SessionEnded ended)
            {
                Print(context, new { sessionId = ended.SessionId, ended = true, counters = ended.Counters }, $"session {ended.SessionId} ended after {ended.Counters.Ticks} ticks");
                return 0;
            }

            return Show(context, reply);
        }));
        return command;
    }

    private static Command Balance(Assembly defaults)
    {
        var account = new Option<string?>("--account") { Description = "Ledger account (default gamer:<your user name>; helpers are helper:<account>)" };
        var command = new Command("balance", "Show an account's durable credit balance") { account };
        command.SetAction(async (parse, _) => await Guarded(async () =>
        {
            var context = Context(parse, defaults);
            await using var connection = context.Connect();
            var name = parse.GetValue(account) ?? "gamer:" + Environment.UserName;
            var balance = (AccountBalance)await connection.AskAsync(new QueryBalance(name));
            Print(context, new { account = balance.Account, credits = balance.Credits }, $"{balance.Account}: {balance.Credits} credits");
            return 0;
        }));
        return command;
    }

    private static int Show(ClientContext context, object reply)
    {
        switch (reply)
        {
            case SessionInfo info:
                Print(context, Describe(info), Line(info));
                return 0;
            case SessionNotFound missing:
                Print(context, new { sessionId = missing.SessionId, error = "not found" }, $"session {missing.SessionId} not found");
                return 3;
            default:
                throw new InvalidOperationException("unexpected reply " + reply.GetType().Name);
        }
    }

    private static object Describe(SessionInfo info) =>
        new { sessionId = info.SessionId, account = info.Account, active = info.Active, tick = info.Tick, counters = info.Counters, worldDigest = info.WorldDigest };

    private static string Line(SessionInfo info) =>
        $"{info.SessionId}  {(info.Active ? "active" : "ended")}  {info.Account}  tick {info.Tick}  frames {info.Counters.Frames}  tasks {info.Counters.TasksTotal} ({info.Counters.HelperTasks} by helpers)";

    internal static void Print(ClientContext context, object json, string text) =>
        Console.WriteLine(context.Json ? JsonSerializer.Serialize(json) : text);

    /// <summary>Turns "coordinator unreachable" and bad configuration into a message and an exit code.</summary>
    internal static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ConfigException error)
        {
            await Console.Error.WriteLineAsync("gamer: configuration error: " + error.Message);
            return 2;
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("gamer: " + error.Message);
            return 1;
        }
    }
}
