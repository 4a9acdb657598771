using BenchmarkDotNet.Running;
using System.Globalization;
using P2C2R.Benchmarks.Cluster;
using P2C2R.Benchmarks.Edge;
using P2C2R.Benchmarks.Game;
using P2C2R.Benchmarks.Journal;
using P2C2R.Benchmarks;
using P2C2R.Benchmarks.Recovery;

switch (args)
{
    case ["serve", "edge", ..]:
        await EdgeEchoServer.RunAsync();
        return;
    case ["serve", "raw-echo", ..]:
        await RawEchoServer.RunAsync();
        return;
    case ["serve", "coordinator", var dataDirectory, ..]:
        await CoordinatorServer.RunAsync(dataDirectory);
        return;
    case ["edge", ..]:
        await EdgeHarness.RunAsync();
        return;
    case ["journal", ..]:
        await JournalHarness.RunAsync();
        return;
    case ["recovery", ..]:
        await RecoveryHarness.RunAsync();
        return;
    case ["verifiers", ..]:
        VerifierHarness.Run();
        return;
    case ["game", ..]:
        await GameHarness.RunAsync(
            args is [_, var helpers, ..] ? int.Parse(helpers, CultureInfo.InvariantCulture) : 3,
            args is [_, _, var seconds, ..] ? int.Parse(seconds, CultureInfo.InvariantCulture) : 60);
        return;
    case ["cluster", ..]:
        await ClusterHarness.RunAsync(
            args is [_, var window, ..] ? int.Parse(window, CultureInfo.InvariantCulture) : 30,
            args is [_, _, var kills, ..] ? int.Parse(kills, CultureInfo.InvariantCulture) : 10,
            args is [_, _, _, var leaves, ..] ? int.Parse(leaves, CultureInfo.InvariantCulture) : 10);
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(EdgeHarness).Assembly).Run(args);
        return;
}
