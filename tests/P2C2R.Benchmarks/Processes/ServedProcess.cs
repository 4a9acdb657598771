using System.Globalization;

namespace P2C2R.Benchmarks.Processes;

/// <summary>
/// The child's side of <see cref="ChildProcess"/>: says <c>ready PORT</c>, then answers one line
/// per command read from stdin until stdin ends. Every server answers <c>alloc</c> with the bytes
/// its process has allocated so far, so a harness can divide the difference by the messages served.
/// Its lines start with <see cref="Prefix"/>: anything else a library prints on stdout is not an answer.
/// </summary>
public static class ServedProcess
{
    public const string Prefix = "@bench ";

    public static async Task RunAsync(int port, Func<string, string?> answer)
    {
        await Console.Out.WriteLineAsync(Prefix + "ready " + port.ToString(CultureInfo.InvariantCulture));
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } command)
        {
            var reply = command == "alloc"
                ? "alloc " + GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture)
                : answer(command) ?? $"unknown command '{command}'";
            await Console.Out.WriteLineAsync(Prefix + reply);
            await Console.Out.FlushAsync();
        }
    }
}
