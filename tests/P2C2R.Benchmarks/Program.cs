using BenchmarkDotNet.Running;
using P2C2R.Benchmarks;

if (args is ["remote", ..])
{
    await RemoteHarness.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
