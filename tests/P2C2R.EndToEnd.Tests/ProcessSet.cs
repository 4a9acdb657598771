using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables of a multi-process test, started with <c>dotnet</c> from the test's
/// output folder, their output captured, a coordinator bound to loopback only; every process
/// still running is killed on dispose.
/// </summary>
public sealed class ProcessSet : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly Dictionary<Process, StringBuilder> _outputs = [];

    public Process Start(string assembly, string[] arguments, Dictionary<string, string>? environment = null)
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

        info.Environment["P2C2R_BIND_ADDRESS"] = "127.0.0.1";
        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var output = new StringBuilder();
        lock (_outputs)
        {
            _outputs[process] = output;
            _processes.Add(process);
        }

        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A coordinator on a free loopback port, its data under <paramref name="folder"/>, and
    /// <paramref name="helpers"/> PeerNodes (<c>helper-1</c>… of accounts <c>volunteer-1</c>…) that it accepted.
    /// </summary>
    public async Task<LocalCluster> StartClusterAsync(string folder, int helpers, params string[] helperArguments)
    {
        var port = FreePort();
        var endpoint = $"127.0.0.1:{port}";
        var coordinator = Start("Coordinator.dll", ["--data-dir", Path.Combine(folder, "data")], new() { ["P2C2R_COORDINATOR_PORT"] = port.ToString() });
        var started = Enumerable.Range(1, helpers).Select(i => Start("PeerNode.dll", ["--name", $"helper-{i}", .. helperArguments],
            new() { ["P2C2R_COORDINATOR"] = endpoint, ["P2C2R_ACCOUNT"] = $"volunteer-{i}" })).ToArray();
        await WaitForAsync(() => started.All(p => Output(p).Contains("Accepted by the coordinator", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "helper registration");
        return new LocalCluster(coordinator, endpoint, started);
    }

    public string Output(Process process)
    {
        StringBuilder output;
        lock (_outputs)
        {
            output = _outputs[process];
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>Everything every process printed, for failure messages.</summary>
    public string AllOutput()
    {
        Process[] processes;
        lock (_outputs)
        {
            processes = [.. _processes];
        }

        return string.Join("\n---\n", processes.Select(Output));
    }

    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s:\n{AllOutput()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Runs a short command to completion and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string assembly, string[] arguments, TimeSpan timeout)
    {
        var process = Start(assembly, arguments);
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        process.WaitForExit();
        return (process.ExitCode, Output(process));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Process[] processes;
        lock (_outputs)
        {
            processes = [.. _processes];
            _processes.Clear();
        }

        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

/// <summary>The processes of <see cref="ProcessSet.StartClusterAsync"/> and the coordinator's <c>host:port</c>.</summary>
public sealed record LocalCluster(Process Coordinator, string Endpoint, Process[] Helpers);
