using System.Diagnostics;

namespace P2C2R.Remote.Tests;

/// <summary>A remoting node in a child process (tests/P2C2R.Remote.TestNode), for tests that kill a real process.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Address address)
    {
        _process = process;
        Address = address;
    }

    public Address Address { get; }

    public static NodeProcess Start(string systemName, string hocon, TimeSpan timeout)
    {
        var node = Path.Combine(AppContext.BaseDirectory, "P2C2R.Remote.TestNode.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(node);
        info.ArgumentList.Add(systemName);
        info.ArgumentList.Add(hocon);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the test node");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout) || line.Result is not { } ready || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            lock (errors)
            {
                throw new InvalidOperationException($"the test node did not report READY within {timeout.TotalSeconds:0} s: {errors}");
            }
        }

        return new NodeProcess(process, Address.Parse(ready["READY ".Length..]));
    }

    /// <summary>SIGKILL: no goodbye, sockets die with the process.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
