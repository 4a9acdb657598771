using System.CommandLine;
using System.Reflection;
using Akka.Configuration;
using P2C2R.Hosting;
using P2C2R.PeerNode.Sandboxing;

namespace P2C2R.PeerNode.SelfTest;

/// <summary>
/// <c>PeerNode selftest [--json] [--config FILE]</c>: proves this machine computes every task
/// bit-exactly inside its sandbox and measures how fast. Exit code 0 only when all match.
/// </summary>
public static class SelfTestCommand
{
    public static Command Create(Assembly defaults)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: executors (id, ok, ms, sha256) and frameMs" };
        var configOption = new Option<FileInfo?>("--config") { Description = "HOCON file layered over the defaults and hocon/peer.conf" };
        var command = new Command("selftest", "Run every executor on its golden input in the sandbox, check hashes, and time them") { json, configOption };
        command.SetAction(async (parse, cancellation) =>
        {
            Config config;
            try
            {
                config = NodeConfiguration.Load("peer", defaults, parse.GetValue(configOption)?.FullName);
            }
            catch (ConfigurationException error)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"peer: configuration error: {error.Message}");
                return 2;
            }

            var report = await SelfTestRunner.RunAsync(SandboxSettings.From(config), cancellation);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? report.ToJson() : report.ToText());
            return report.Ok ? 0 : 1;
        });
        return command;
    }
}
