using System.Diagnostics;

namespace P2C2R.Benchmarks.Processes;

/// <summary>
/// This benchmark executable started again as a server (<c>serve KIND …</c>, see
/// <see cref="ServedProcess"/>), so the server's CPU and allocations are its own and can be
/// measured apart from the clients driving it (<see cref="Cpu"/> reads <c>/proc</c>). It talks
/// one line at a time: the child prints <c>ready PORT</c> once listening, and answers each command
/// written to its stdin with one line. Disposing closes its stdin (the child stops on end of input) and kills it, by its own
/// id, if it has not exited within a few seconds.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process process;

    private ChildProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The port the child listens on, from its <c>ready</c> line.</summary>
    public int Port { get; private set; }

    /// <summary>CPU time the child has used so far.</summary>
    /// <summary>The child's process id: the game harness names it when a window opens, for a profiler to attach to.</summary>
    public int Pid => process.Id;

    public TimeSpan Cpu => ProcessCpu.Of(process.Id);

    public static async Task<ChildProcess> StartAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };

        // Under `dotnet run` or `dotnet P2C2R.Benchmarks.dll` the process is the host: name the assembly.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.ArgumentList.Add("serve");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the child process did not start");
        var child = new ChildProcess(process);
        var ready = await child.ReadLineAsync(TimeSpan.FromSeconds(60));
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            await child.DisposeAsync();
            throw new InvalidOperationException($"the child 'serve {string.Join(' ', arguments)}' said '{ready}' instead of ready");
        }

        child.Port = int.Parse(ready["ready ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return child;
    }

    /// <summary>Sends one command and returns the child's one-line answer.</summary>
    public async Task<string> AskAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        return await ReadLineAsync(ReplyTimeout) ?? throw new InvalidOperationException($"the child exited instead of answering '{command}'");
    }

    /// <summary>A numeric answer: the child answers <c>NAME VALUE</c>.</summary>
    public async Task<long> AskNumberAsync(string command) =>
        long.Parse((await AskAsync(command)).Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    /// <summary>The next line of ours; other output (a library printing on stdout) goes to stderr.</summary>
    private async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith(ServedProcess.Prefix, StringComparison.Ordinal))
            {
                return line[ServedProcess.Prefix.Length..];
            }

            await Console.Error.WriteLineAsync("child: " + line);
        }

        return null;
    }
}
