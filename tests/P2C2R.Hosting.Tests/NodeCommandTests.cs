using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Logging;

namespace P2C2R.Hosting.Tests;

/// <summary>
/// An executable's whole life through <see cref="NodeCommand"/>: the command loads the layers, runs
/// the host with the actors registered in its composition root, and on cancellation (what Ctrl+C
/// and SIGTERM do) stops the host, which runs the actor system's coordinated shutdown.
/// </summary>
public sealed class NodeCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_host_runs_the_registered_actor_and_stops_cleanly_when_cancelled()
    {
        var ready = new TaskCompletionSource<(ActorSystem System, IActorRef Greeter)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = NodeCommand.Create("testnode", "test node", typeof(NodeCommandTests).Assembly,
            node =>
            {
                node.Logging.ClearProviders();
                node.WithAkka((akka, _) => akka.WithActors((system, registry) =>
                {
                    var greeter = system.ActorOf(Props.Create(() => new GreetingActor()), "greeter");
                    registry.Register<GreetingActor>(greeter);
                    ready.TrySetResult((system, greeter));
                }));
            },
            ConfigOption.Create("--name", "who is greeting", "p2c2r.testnode.name"));
        using var stop = new CancellationTokenSource();

        var run = NodeCommand.InvokeAsync(command, ["--name", "command line"], stop.Token);
        var (system, greeter) = await ready.Task.WaitAsync(Patience);
        var answer = await greeter.Ask<string>("test", Patience);
        stop.Cancel();
        var exit = await run.WaitAsync(Patience);

        Assert.Equal("hello command line, test", answer);
        Assert.Equal("testnode", system.Name);
        Assert.Equal(0, exit);
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.IsType<CoordinatedShutdown.ClrExitReason>(CoordinatedShutdown.Get(system).ShutdownReason);
    }

    [Fact]
    public async Task A_configuration_error_exits_with_code_2_and_names_the_file_and_line()
    {
        var root = Directory.CreateTempSubdirectory("p2c2r-command-").FullName;
        try
        {
            var file = Path.Combine(root, "bad.conf");
            await File.WriteAllTextAsync(file, "p2c2r {\n  testnode.port = \"open\n}\n");
            var hostBuilt = false;
            var command = NodeCommand.Create("testnode", "test node", typeof(NodeCommandTests).Assembly, _ => hostBuilt = true);
            var error = new StringWriter();

            var exit = await command.Parse(["--config", file]).InvokeAsync(new InvocationConfiguration { Error = error });

            Assert.Equal(2, exit);
            Assert.False(hostBuilt);
            Assert.Contains($"testnode: configuration error: {file}:2:19: unterminated string", error.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
