using P2C2R.Hocon;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Sandboxing;

/// <summary>Reads <c>p2c2r.peer.sandbox</c> into <see cref="SandboxOptions"/>; workers follow <c>p2c2r.peer.concurrency</c>.</summary>
public static class SandboxSettings
{
    public static SandboxOptions From(Config config)
    {
        var sandbox = config.GetConfig("p2c2r.peer.sandbox");
        var concurrency = config.GetInt("p2c2r.peer.concurrency", 0);
        return new SandboxOptions
        {
            Workers = concurrency > 0 ? concurrency : Environment.ProcessorCount,
            HeapLimitBytes = sandbox.GetByteSize("heap-limit"),
            AddressSpaceLimitBytes = sandbox.GetByteSize("address-space-limit"),
            CpuSecondsLimit = sandbox.GetInt("cpu-seconds"),
            OpenFilesLimit = sandbox.GetInt("open-files"),
            DefaultDeadline = sandbox.GetDuration("task-deadline"),
            MaxInputBytes = checked((int)sandbox.GetByteSize("max-input")),
            MaxOutputBytes = checked((int)sandbox.GetByteSize("max-output")),
            IsolateNetwork = sandbox.GetBoolean("isolate-network"),
        };
    }
}
