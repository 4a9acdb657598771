using System.Diagnostics;
using System.Runtime.InteropServices;

namespace P2C2R.Sandbox.Host;

/// <summary>
/// Builds the command line of a worker: the runtime's own <c>dotnet</c> host running the worker
/// assembly shipped beside this one, with the heap cap in its environment and, where available,
/// inside a network namespace. Workers spend their life in a few hot loops and every task has a
/// deadline, so methods with loops are compiled optimized at once and hot methods tier up without
/// the usual start-up delay: a task's first run is not scored, or late, for want of a JIT tier.
/// </summary>
internal static class WorkerLauncher
{
    public const string WorkerAssembly = "P2C2R.Sandbox.Worker.dll";

    public static ProcessStartInfo StartInfo(SandboxOptions options)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, WorkerAssembly);
        if (!File.Exists(worker))
        {
            throw new FileNotFoundException($"the sandbox worker {worker} is missing; reference P2C2R.Sandbox.Worker from the host project", worker);
        }

        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var dotnet = DotnetHost();
        if (options.IsolateNetwork && NetworkIsolation.Unshare is not null)
        {
            NetworkIsolation.Wrap(info, dotnet);
        }
        else
        {
            info.FileName = dotnet;
        }

        info.ArgumentList.Add(worker);
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + options.HeapLimitBytes.ToString("X");
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TC_QuickJitForLoops"] = "0";
        info.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["P2C2R_SANDBOX_NETWORK"] = options.IsolateNetwork && NetworkIsolation.Unshare is not null ? "isolated" : "shared";
        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The dotnet host that runs this process: <c>DOTNET_HOST_PATH</c>, else the one above the runtime directory.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}
