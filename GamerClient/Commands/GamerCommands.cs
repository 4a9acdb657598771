using System.CommandLine;
using System.Reflection;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Play;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// <c>GamerClient session start|status|list|end|resume</c>, <c>play</c>, <c>balance</c>,
/// <c>web-login</c> and <c>replay</c>, each with the common options of <see cref="GamerOptions"/>. Every command acts
/// for the account of its identity key: it sees and ends only that account's sessions.
/// </summary>
public static class GamerCommands
{
    public static RootCommand Create(Assembly defaults)
    {
        var root = new RootCommand("P2C2R GamerClient: play a game computed by community helpers.");
        GamerOptions.AddTo(root);
        var session = new Command("session", "Start, inspect, end or resume your sessions");
        session.Subcommands.Add(Start(defaults));
        session.Subcommands.Add(Status(defaults));
        session.Subcommands.Add(List(defaults));
        session.Subcommands.Add(End(defaults));
        session.Subcommands.Add(PlayCommand.Create(defaults, "resume", "Resume a session and play it", sessionRequired: true));
        root.Subcommands.Add(session);
        root.Subcommands.Add(PlayCommand.Create(defaults, "play", "Start a session (or resume one with --session) and play it", sessionRequired: false));
        root.Subcommands.Add(Balance(defaults));
        root.Subcommands.Add(WebLogin(defaults));
        root.Subcommands.Add(ReplayCommand.Create(defaults));
        return root;
    }

    private static Command Start(Assembly defaults)
    {
        var ticks = new Option<int>("--ticks") { Description = "Ticks per second (0: the coordinator's default)" };
        var command = new Command("start", "Start a session and print its id") { ticks };
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            await using var connection = await context.ConnectAsync(cancellation);
            var session = await connection.RequestAsync<SessionStarted>(new StartSession(parse.GetValue(ticks)), cancellation);
            context.Print(new { sessionId = session.SessionId, ticksPerSecond = session.TicksPerSecond, account = connection.Account },
                $"session {session.SessionId} started at {session.TicksPerSecond} ticks/s");
            return 0;
        }));
        return command;
    }

    private static Command Status(Assembly defaults)
    {
        var id = new Argument<string>("session") { Description = "Session id" };
        var command = new Command("status", "Show one of your sessions") { id };
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            await using var connection = await context.ConnectAsync(cancellation);
            var info = await connection.RequestAsync<SessionInfo>(new QuerySession(parse.GetValue(id)!), cancellation);
            context.Print(Describe(info), Line(info));
            return 0;
        }));
        return command;
    }

    private static Command List(Assembly defaults)
    {
        var command = new Command("list", "List your sessions");
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            await using var connection = await context.ConnectAsync(cancellation);
            var list = await connection.RequestAsync<SessionList>(new ListSessions(), cancellation);
            context.Print(list.Sessions.Select(Describe).ToArray(),
                list.Sessions.Length == 0 ? "no sessions" : string.Join(Environment.NewLine, list.Sessions.Select(Line)));
            return 0;
        }));
        return command;
    }

    private static Command End(Assembly defaults)
    {
        var id = new Argument<string>("session") { Description = "Session id" };
        var command = new Command("end", "End one of your sessions") { id };
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            await using var connection = await context.ConnectAsync(cancellation);
            var ended = await connection.RequestAsync<SessionEnded>(new EndSession(parse.GetValue(id)!), cancellation);
            context.Print(new { sessionId = ended.SessionId, ended = true, counters = ended.Counters },
                $"session {ended.SessionId} ended after {ended.Counters.Ticks} ticks");
            return 0;
        }));
        return command;
    }

    private static Command Balance(Assembly defaults)
    {
        var command = new Command("balance", "Show your account's durable credit balance");
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            await using var connection = await context.ConnectAsync(cancellation);
            var balance = await connection.RequestAsync<AccountBalance>(new QueryBalance(), cancellation);
            context.Print(new { account = balance.Account, credits = balance.Credits }, $"{balance.Account}: {balance.Credits} credits");
            return 0;
        }));
        return command;
    }

    private static Command WebLogin(Assembly defaults)
    {
        var command = new Command("web-login", "Print a one-time link (good for 2 minutes) that opens your sessions and balance in a browser");
        command.SetAction((parse, cancellation) => CommandOutput.Guarded(parse, async () =>
        {
            using var context = ClientContext.Load(parse, defaults);
            await using var connection = await context.ConnectAsync(cancellation);
            var link = await connection.RequestAsync<WebLoginLink>(new WebLoginRequest(), cancellation);
            if (link.Url.Length == 0)
            {
                throw new CoordinatorUnavailableException("the coordinator gives no web-login link: " + (string.IsNullOrEmpty(link.Refused) ? "it gave no reason" : link.Refused));
            }

            context.Print(new { url = link.Url, expiresInMs = link.ExpiresInMs }, link.Url);
            return 0;
        }));
        return command;
    }

    private static object Describe(SessionInfo info) =>
        new Dictionary<string, object>(SessionCost.Of(info.Counters))
        {
            ["sessionId"] = info.SessionId,
            ["account"] = info.Account,
            ["active"] = info.Active,
            ["tick"] = info.Tick,
            ["counters"] = info.Counters,
            ["worldDigest"] = info.WorldDigest,
            ["node"] = info.Node,
        };

    private static string Line(SessionInfo info) =>
        $"{info.SessionId}  {(info.Active ? "active" : "ended")}{(info.Node.Length > 0 ? " on " + info.Node : "")}  tick {info.Tick}  frames {info.Counters.Frames}  tasks {info.Counters.TasksTotal} ({info.Counters.HelperComputed} by helpers alone)";
}
