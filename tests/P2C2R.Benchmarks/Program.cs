using BenchmarkDotNet.Running;
using P2C2R.Benchmarks;

if (args is ["remote", ..])
{
    await RemoteHarness.RunAsync();
    return;
}

if (args is ["journal", ..])
{
    await JournalHarness.RunAsync();
    return;
}

if (args is ["recovery", ..])
{
    await RecoveryHarness.RunAsync();
    return;
}

if (args is ["game", ..])
{
    await GameHarness.RunAsync(args is [_, var helpers, ..] ? int.Parse(helpers, System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

if (args is ["scheduler", ..])
{
    await SchedulerHarness.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
