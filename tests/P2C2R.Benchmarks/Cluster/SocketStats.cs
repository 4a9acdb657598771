using System.Diagnostics;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>Runs <c>ss</c> (iproute2's socket statistics) with a bounded wait and returns what it printed.</summary>
public static class SocketStats
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("ss", arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using var ss = Process.Start(info) ?? throw new InvalidOperationException("ss did not start");
        try
        {
            var output = await ss.StandardOutput.ReadToEndAsync().WaitAsync(Timeout);
            await ss.WaitForExitAsync().WaitAsync(Timeout);
            return output;
        }
        catch (TimeoutException)
        {
            ss.Kill();
            throw new TimeoutException($"ss {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:0} s");
        }
    }
}
