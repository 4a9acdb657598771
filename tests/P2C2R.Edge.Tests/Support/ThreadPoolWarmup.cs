using System.Runtime.CompilerServices;

namespace P2C2R.Edge.Tests.Support;

/// <summary>
/// TestKit's expectations block their thread, and test classes run in parallel on two cores: with
/// the default minimum the pool grows slowly, and a connection's reads, writes and heartbeats would
/// wait for a thread long enough to miss heartbeats that the code under test meets easily.
/// </summary>
internal static class ThreadPoolWarmup
{
    [ModuleInitializer]
    internal static void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completion, 32));
    }
}
