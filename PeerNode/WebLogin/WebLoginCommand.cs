using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.Hosting;
using P2C2R.PeerNode.Startup;
using P2C2R.Protocol.Contracts;

namespace P2C2R.PeerNode.WebLogin;

/// <summary>
/// <c>PeerNode web-login [--coordinator host:port] [--identity FILE] [--name NAME] [--json]</c>:
/// connects to the coordinator's edge with the helper's key (the account, proven by the
/// handshake), asks for a one-time link to the helper's own page (its credits and validated and
/// rejected tasks) and prints it. The key must exist: a new key would be a new, empty account.
/// </summary>
public static class WebLoginCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Command Create(Assembly defaults)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: url and expiresInMs" };
        var configOption = new Option<FileInfo?>("--config") { Description = "HOCON file layered over the defaults and hocon/peer.conf" };
        var coordinator = new Option<string?>("--coordinator") { Description = "host:port of the coordinator's edge" };
        var identity = new Option<string?>("--identity") { Description = "File of this helper's key (the account)" };
        var name = new Option<string?>("--name") { Description = "This helper's name: its task counts are shown" };
        var token = new Option<string?>("--admission-token") { Description = "Token the coordinator requires, if any" };
        var command = new Command("web-login", "Print a one-time link (good for 2 minutes) that opens this helper's credits and tasks in a browser")
        {
            json, configOption, coordinator, identity, name, token,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var settings = new Dictionary<string, string>();
            foreach (var (option, path) in new[] { (coordinator, "p2c2r.peer.coordinator"), (identity, "p2c2r.peer.identity"), (name, "p2c2r.peer.name"), (token, "p2c2r.peer.admission-token") })
            {
                if (parse.GetValue(option) is { } value)
                {
                    settings[path] = value;
                }
            }

            PeerSettings peer;
            try
            {
                peer = PeerSettings.From(NodeConfiguration.Load("peer", defaults, parse.GetValue(configOption)?.FullName, settings: settings)) with { Cluster = null };
            }
            catch (ConfigurationException problem)
            {
                await error.WriteLineAsync($"peer: configuration error: {problem.Message}");
                return 2;
            }

            if (!File.Exists(peer.IdentityPath))
            {
                await error.WriteLineAsync($"peer: no key at {peer.IdentityPath}: run the helper once (or give --identity) first");
                return 1;
            }

            try
            {
                var link = await AskAsync(peer, cancellation);
                await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { url = link.Url, expiresInMs = link.ExpiresInMs })
                    : link.Url);
                return 0;
            }
            catch (Exception problem) when (problem is TimeoutException or InvalidOperationException)
            {
                await error.WriteLineAsync($"peer: web-login failed: {problem.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<WebLoginLink> AskAsync(PeerSettings peer, CancellationToken cancellation)
    {
        using var key = IdentityStore.LoadOrCreate(peer.IdentityPath);
        var system = ActorSystem.Create("peer-web-login", "akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR");
        try
        {
            var answer = new TaskCompletionSource<WebLoginLink>(TaskCreationOptions.RunContinuationsAsynchronously);
            var asker = system.ActorOf(WebLoginAsker.Props(answer));
            system.ActorOf(HelperStartup.ClientFor(peer, key)(asker));
            WebLoginLink link;
            try
            {
                link = await answer.Task.WaitAsync(Timeout, cancellation);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no link from {string.Join(", ", peer.Coordinators)} within {Timeout.TotalSeconds:0} s");
            }

            return link.Url.Length > 0
                ? link
                : throw new InvalidOperationException("the coordinator gives no web-login link: " + (string.IsNullOrEmpty(link.Refused) ? "it gave no reason" : link.Refused));
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
    }
}
