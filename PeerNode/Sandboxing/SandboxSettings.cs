using Akka.Configuration;
using P2C2R.PeerNode.Startup;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Sandboxing;

/// <summary>Reads <c>p2c2r.peer.sandbox</c> into <see cref="SandboxOptions"/>; workers follow <c>p2c2r.peer.concurrency</c>.</summary>
public static class SandboxSettings
{
    public static SandboxOptions From(Config config)
    {
        const string sandbox = "p2c2r.peer.sandbox.";
        return new SandboxOptions
        {
            Workers = Concurrency(config),
            HeapLimitBytes = CheckedConfig.Bytes(config, sandbox + "heap-limit"),
            AddressSpaceLimitBytes = CheckedConfig.Bytes(config, sandbox + "address-space-limit"),
            CpuSecondsLimit = CheckedConfig.Int(config, sandbox + "cpu-seconds", 600),
            OpenFilesLimit = CheckedConfig.Int(config, sandbox + "open-files", 128),
            DefaultDeadline = CheckedConfig.Duration(config, sandbox + "task-deadline"),
            MaxInputBytes = Int32Bytes(config, sandbox + "max-input"),
            MaxOutputBytes = Int32Bytes(config, sandbox + "max-output"),
            IsolateNetwork = config.GetBoolean(sandbox + "isolate-network", true),
        };
    }

    /// <summary>Tasks a helper runs at once: <c>p2c2r.peer.concurrency</c>, or one per core when it is 0.</summary>
    public static int Concurrency(Config config)
    {
        var concurrency = CheckedConfig.Int(config, "p2c2r.peer.concurrency", 0);
        return concurrency > 0 ? concurrency : Environment.ProcessorCount;
    }

    private static int Int32Bytes(Config config, string path) =>
        CheckedConfig.Bytes(config, path) is var bytes and >= 0 and <= int.MaxValue
            ? (int)bytes
            : throw new ConfigurationException($"{path} must be at most {int.MaxValue} bytes");
}
