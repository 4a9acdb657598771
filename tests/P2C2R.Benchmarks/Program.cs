using BenchmarkDotNet.Running;
using P2C2R.Benchmarks.Edge;
using P2C2R.Benchmarks.Journal;
using P2C2R.Benchmarks.Recovery;

switch (args)
{
    case ["serve", "edge", ..]:
        await EdgeEchoServer.RunAsync();
        return;
    case ["serve", "raw-echo", ..]:
        await RawEchoServer.RunAsync();
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
    default:
        BenchmarkSwitcher.FromAssembly(typeof(EdgeHarness).Assembly).Run(args);
        return;
}
