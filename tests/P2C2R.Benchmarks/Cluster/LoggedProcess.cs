using System.Diagnostics;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// A process of the cluster harness with its output kept line by line, each line stamped with the
/// moment the harness read it, so the harness can tell which of two nodes logged a session last
/// (the node hosting it now). Disposing kills it, by its own id, if it still runs.
/// </summary>
public sealed class LoggedProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(DateTime At, string Line)> _lines = [];

    private LoggedProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>"running", or how it ended: its exit code (128 + N for signal N).</summary>
    public string State => _process.HasExited ? $"exited with {_process.ExitCode}" : "running";

    /// <summary>Starts <paramref name="program"/> in <paramref name="folder"/>, reading its stdout and stderr.</summary>
    public static LoggedProcess Start(string program, IEnumerable<string> arguments, string folder)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["P2C2R_BIND_ADDRESS"] = "127.0.0.1";
        var process = new LoggedProcess(Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start"));
        process._process.OutputDataReceived += (_, e) => process.Append(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Every line so far with the moment it was read.</summary>
    public IReadOnlyList<(DateTime At, string Line)> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    public bool Said(string text) => Lines().Any(l => l.Line.Contains(text, StringComparison.Ordinal));

    /// <summary>The last lines, for a message saying why a wait failed.</summary>
    public string Tail(int count = 20) => string.Join('\n', Lines().TakeLast(count).Select(l => l.Line));

    /// <summary>
    /// SIGKILL to this process alone, sent at once (listing a process tree first takes a scan of
    /// <c>/proc</c>, long enough under load for the process to play on); waits for the exit and
    /// returns the moment the signal was sent.
    /// </summary>
    public async Task<DateTime> KillAsync(TimeSpan timeout)
    {
        var at = DateTime.UtcNow;
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return at;
    }

    /// <summary>Sends SIGTERM (the process shuts down in order); waits for the exit and returns the moment the signal was sent.</summary>
    public async Task<DateTime> TerminateAsync(TimeSpan timeout)
    {
        var at = DateTime.UtcNow;
        using (var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
        {
            await kill.WaitForExitAsync().WaitAsync(timeout);
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}");
            }
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return at;
    }

    /// <summary>Waits for the process to exit on its own; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add((DateTime.UtcNow, line));
        }
    }
}
