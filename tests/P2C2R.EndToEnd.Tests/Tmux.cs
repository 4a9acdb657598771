using System.Diagnostics;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// A tmux server of its own (<c>-L</c> socket name), so a test never touches a user's sessions:
/// starts a command in a detached pane of a fixed size, sends keys, captures the pane, and
/// kills the server on dispose.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly string _socket = "p2c2r-test-" + Guid.NewGuid().ToString("N")[..8];

    public static bool Available => Run(null, ["-V"]).ExitCode == 0;

    public void Start(int columns, int rows, string command) =>
        Check(Run(_socket, ["new-session", "-d", "-s", "play", "-x", $"{columns}", "-y", $"{rows}", command]));

    public void SendKeys(params string[] keys) => Check(Run(_socket, ["send-keys", "-t", "play", .. keys]));

    /// <summary>The pane's text; with <paramref name="colours"/>, with its colour escape sequences.</summary>
    public string[] Capture(bool colours = false) =>
        Check(Run(_socket, colours ? ["capture-pane", "-p", "-e", "-t", "play"] : ["capture-pane", "-p", "-t", "play"])).Output.Split('\n');

    public bool Running => Run(_socket, ["has-session", "-t", "play"]).ExitCode == 0;

    public void Dispose() => Run(_socket, ["kill-server"]);

    private static (int ExitCode, string Output) Check((int ExitCode, string Output) result) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException("tmux failed: " + result.Output);

    private static (int ExitCode, string Output) Run(string? socket, string[] arguments)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (socket is not null)
        {
            info.ArgumentList.Add("-L");
            info.ArgumentList.Add(socket);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return (-1, "tmux did not answer within 10 s");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
