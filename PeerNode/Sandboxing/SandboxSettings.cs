using Akka.Configuration;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Sandboxing;

/// <summary>Reads <c>p2c2r.peer.sandbox</c> into <see cref="SandboxOptions"/>; workers follow <c>p2c2r.peer.concurrency</c>.</summary>
public static class SandboxSettings
{
    public static SandboxOptions From(Config config)
    {
        var sandbox = config.GetConfig("p2c2r.peer.sandbox");
        return new SandboxOptions
        {
            Workers = Concurrency(config),
            HeapLimitBytes = Bytes(sandbox, "heap-limit"),
            AddressSpaceLimitBytes = Bytes(sandbox, "address-space-limit"),
            CpuSecondsLimit = sandbox.GetInt("cpu-seconds"),
            OpenFilesLimit = sandbox.GetInt("open-files"),
            DefaultDeadline = sandbox.GetTimeSpan("task-deadline", null, allowInfinite: false),
            MaxInputBytes = checked((int)Bytes(sandbox, "max-input")),
            MaxOutputBytes = checked((int)Bytes(sandbox, "max-output")),
            IsolateNetwork = sandbox.GetBoolean("isolate-network"),
        };
    }

    /// <summary>Tasks a helper runs at once: <c>p2c2r.peer.concurrency</c>, or one per core when it is 0.</summary>
    public static int Concurrency(Config config)
    {
        var concurrency = config.GetInt("p2c2r.peer.concurrency", 0);
        return concurrency > 0 ? concurrency : Environment.ProcessorCount;
    }

    internal static long Bytes(Config config, string path) =>
        config.GetByteSize(path) ?? throw new ConfigurationException($"{path} must be a size in bytes (for example 256MiB)");
}
