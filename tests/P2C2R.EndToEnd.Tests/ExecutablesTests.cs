using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables as separate processes on loopback: a coordinator, three PeerNode helpers
/// (each with its self-test and sandbox) and <c>GamerClient play --headless --json</c>.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class ExecutablesTests
{
    [Fact]
    public async Task Coordinator_three_helpers_and_a_headless_gamer_play_a_session_end_to_end()
    {
        var port = FreePort();
        var coordinator = $"127.0.0.1:{port}";
        var helperConfig = Path.Combine(Path.GetTempPath(), $"p2c2r-helper-{port}.conf");
        await File.WriteAllTextAsync(helperConfig, "p2c2r.peer.concurrency = 1\n");
        var processes = new List<Process>();
        try
        {
            processes.Add(Start("Coordinator.dll", [], new() { ["P2C2R_COORDINATOR_PORT"] = port.ToString() }));
            for (var i = 1; i <= 3; i++)
            {
                processes.Add(Start("PeerNode.dll", ["--name", $"helper-{i}", "--config", helperConfig],
                    new() { ["P2C2R_COORDINATOR"] = coordinator, ["P2C2R_ACCOUNT"] = $"volunteer-{i}" }));
            }

            await WaitForAsync(() => processes.Skip(1).All(p => Output(p).Contains("Accepted by the coordinator", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), processes);
            var gamer = Start("GamerClient.dll", ["play", "--headless", "--seconds", "10", "--json", "--ticks", "30", "--coordinator", coordinator], []);
            processes.Add(gamer);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await gamer.WaitForExitAsync(timeout.Token);

            Assert.True(gamer.ExitCode == 0, Output(gamer));
            var json = Output(gamer).Split('\n').Single(line => line.StartsWith('{'));
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            Assert.True(root.GetProperty("ticks").GetInt64() >= 30, json);
            Assert.True(root.GetProperty("frames").GetInt64() >= root.GetProperty("ticks").GetInt64() - 10, json);
            Assert.True(root.GetProperty("fps").GetDouble() >= 3, json);
            Assert.Equal(3, root.GetProperty("helpers").GetInt32());
            Assert.True(root.GetProperty("tasksTotal").GetInt64() > 0, json);
            Assert.InRange(root.GetProperty("helperTaskShare").GetDouble(), 0.01, 1.0);
            Assert.Equal(0, root.GetProperty("validationRejects").GetInt64());
            Assert.True(root.GetProperty("frameLatencyMsP50").GetDouble() > 0, json);
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }

                process.Dispose();
            }

            File.Delete(helperConfig);
        }
    }

    private static readonly Dictionary<Process, System.Text.StringBuilder> Outputs = [];

    private static Process Start(string assembly, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        lock (Outputs)
        {
            Outputs[process] = output;
        }

        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Output(Process process)
    {
        System.Text.StringBuilder output;
        lock (Outputs)
        {
            output = Outputs[process];
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, List<Process> processes)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("helpers did not register: " + string.Join("\n---\n", processes.Select(Output)));
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
