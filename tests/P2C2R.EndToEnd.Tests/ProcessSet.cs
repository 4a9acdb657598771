using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables of a multi-process test, started with <c>dotnet</c> from the test's output
/// folder, in a temporary folder of their own (so no <c>hocon/</c> file of the repository reaches
/// them, and their keys and data stay there), their output captured, a coordinator bound to
/// loopback only. Every process still running is killed on dispose, and the folder deleted.
/// </summary>
public sealed class ProcessSet : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly Dictionary<Process, StringBuilder> _outputs = [];

    public ProcessSet(string prefix) => Folder = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The processes' working directory, where their keys and data go.</summary>
    public string Folder { get; }

    /// <summary>A .NET executable of the test's output folder, run by <c>dotnet</c>.</summary>
    public Process Start(string assembly, string[] arguments, Dictionary<string, string>? environment = null) =>
        StartProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly), .. arguments], environment);

    public Process StartProgram(string program, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
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
    /// A coordinator on <paramref name="port"/> of 127.0.0.1 with its data in this set's folder, and
    /// its HTTP endpoints on any free port unless <paramref name="arguments"/> name one, so coordinators
    /// of tests running side by side never contend for the default.
    /// </summary>
    public Process StartCoordinator(int port, params string[] arguments) =>
        Start("Coordinator.dll", ["--port", $"{port}", "--bind-address", "127.0.0.1", "--data-dir", Path.Combine(Folder, "data"),
            .. arguments.Contains("--http-port") ? [] : new[] { "--http-port", "0" }, .. arguments]);

    /// <summary>
    /// PeerNode <c>helper-<paramref name="index"/></c> with a key file of its own (an account of its
    /// own) and the local address 127.0.0.(index + 1) (a host of its own).
    /// </summary>
    public Process StartHelper(string coordinator, int index, params string[] arguments) =>
        Start("PeerNode.dll", ["--coordinator", coordinator, "--name", $"helper-{index}", "--identity", Path.Combine(Folder, $"helper-{index}.key"),
            "--local-address", $"127.0.0.{index + 1}", .. arguments]);

    /// <summary>The options every GamerClient command of this set takes: the coordinator, and one gamer key (so one account).</summary>
    public string[] Gamer(string coordinator) => ["--coordinator", coordinator, "--identity", Path.Combine(Folder, "gamer.key")];

    /// <summary>
    /// A coordinator on a free loopback port and <paramref name="helpers"/> PeerNodes
    /// (<c>helper-1</c>… on 127.0.0.2…) that it accepted.
    /// </summary>
    public async Task<LocalCluster> StartClusterAsync(int helpers, params string[] helperArguments)
    {
        var port = FreePort();
        var endpoint = $"127.0.0.1:{port}";
        var coordinator = StartCoordinator(port);
        var started = Enumerable.Range(1, helpers).Select(i => StartHelper(endpoint, i, helperArguments)).ToArray();
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

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until something accepts TCP connections on <paramref name="port"/> of 127.0.0.1.</summary>
    public Task WaitForPortAsync(int port, TimeSpan timeout) => WaitForAsync(() =>
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, timeout, $"a listener on port {port}");

    /// <summary>Writes <paramref name="hocon"/> to <paramref name="name"/> in the folder and returns its path, for a process's <c>--config</c>.</summary>
    public async Task<string> WriteConfigAsync(string name, string hocon)
    {
        var path = Path.Combine(Folder, name);
        await File.WriteAllTextAsync(path, hocon + "\n");
        return path;
    }

    /// <summary>Runs a short .NET command to completion and returns its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(string assembly, string[] arguments, TimeSpan timeout) =>
        RunProgramAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly), .. arguments], timeout);

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunProgramAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var process = StartProgram(program, arguments);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s:\n{Output(process)}");
        }

        process.WaitForExit();
        return (process.ExitCode, Output(process));
    }

    /// <summary>The one JSON line a command printed with <c>--json</c>.</summary>
    public static string JsonLine(string output) => output.Split('\n').Single(line => line.StartsWith('{'));

    /// <summary>Every line of <paramref name="process"/>'s output that is a JSON object, parsed.</summary>
    public IReadOnlyList<JsonElement> JsonLines(Process process) =>
        [.. Output(process).Split('\n').Where(line => line.StartsWith('{')).Select(Parse)];

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
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

        Directory.Delete(Folder, recursive: true);
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
