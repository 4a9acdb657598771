using System.Diagnostics;
using Akka.Actor;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks.Golden;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>
/// The PeerNode executable as an operator runs it, against an in-process edge: options, key made
/// on first run, the sandbox computing a real task, and Ctrl+C draining before it exits.
/// </summary>
[Collection(nameof(WorkerProcesses))]
public sealed class PeerNodeProcessTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Pathfind = "ai.pathfind";

    [Fact]
    public async Task PeerNode_connects_from_its_local_address_computes_in_its_sandbox_and_leaves_cleanly_on_ctrl_c()
    {
        var coordinator = CreateTestProbe();
        coordinator.IgnoreMessages(message => message is HelperLoad);
        await using var edge = await InProcessEdge.StartAsync(Sys, coordinator.Ref);
        var directory = Directory.CreateTempSubdirectory("peer-");
        Process? peer = null;
        try
        {
            var settings = Path.Combine(directory.FullName, "test.conf");
            await File.WriteAllTextAsync(settings, "p2c2r.peer.selftest-on-start = off\n");
            var key = Path.Combine(directory.FullName, "keys", "helper.key");
            peer = Start(directory.FullName,
                "--coordinator", $"127.0.0.1:{edge.Port}", "--name", "proc-helper", "--identity", key,
                "--local-address", InProcessEdge.SecondLoopback.ToString(), "--concurrency", "1", "--config", settings);
            var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            peer.OutputDataReceived += (_, line) =>
            {
                if (line.Data is null)
                {
                    return;
                }

                output.Enqueue(line.Data);
                if (line.Data.Contains("Accepted by the coordinator", StringComparison.Ordinal))
                {
                    accepted.TrySetResult();
                }
            };
            peer.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
            peer.BeginOutputReadLine();
            peer.BeginErrorReadLine();

            var connected = coordinator.ExpectMsg<InProcessEdge.PeerConnected>(TimeSpan.FromSeconds(20), string.Join('\n', output));
            Assert.Equal(("proc-helper", InProcessEdge.SecondLoopback), (connected.Peer.Name, connected.Peer.Remote.Address));
            Assert.True(File.Exists(key), "the key is made on first run");
            Assert.Equal(1, coordinator.ExpectMsg<RegisterHelper>().Capabilities.Concurrency);
            connected.Connection.Tell(new HelperAccepted(3, 0), TestActor);
            await accepted.Task.WaitAsync(TimeSpan.FromSeconds(10));

            connected.Connection.Tell(new AssignTask(11, Pathfind, GoldenInputs.For(Pathfind), 30_000), TestActor);
            var result = coordinator.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(20));
            Assert.Equal((11L, TaskResultStatus.Ok), (result.TaskId, result.Status));
            Assert.Equal(GoldenHashes.ByTask[Pathfind].Output, ResultHash.Of(result.Output));

            Interrupt(peer);
            try
            {
                coordinator.FishForMessage<InProcessEdge.PeerGone>(gone => gone.ConnectionId == connected.Peer.ConnectionId, TimeSpan.FromSeconds(15));
            }
            catch (Exception silence) when (silence is not OutOfMemoryException)
            {
                Assert.Fail($"the helper's connection was not gone 15 s after ctrl-c; the helper said:\n{string.Join('\n', output)}");
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await peer.WaitForExitAsync(exit.Token);
            Assert.True(peer.ExitCode == 0, string.Join('\n', output));
            Assert.Contains(output, line => line.Contains("Drained after 1 tasks", StringComparison.Ordinal));
        }
        finally
        {
            if (peer is { HasExited: false })
            {
                peer.Kill(entireProcessTree: true);
            }

            peer?.Dispose();
            directory.Delete(recursive: true);
        }
    }

    private static Process Start(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PeerNode.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    /// <summary>Ctrl+C, as a terminal sends it.</summary>
    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000);
    }
}
