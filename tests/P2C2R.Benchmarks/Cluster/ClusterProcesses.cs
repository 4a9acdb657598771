namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// The executables of one cluster-harness run (Coordinator, PeerNode, GamerClient), started with
/// <c>dotnet</c> from this benchmark's output folder, where the project references put them, in a
/// temporary folder of their own (so no <c>hocon/</c> file of the repository reaches them; their
/// keys, frame logs and configuration files stay there). Disposing kills whatever still runs and
/// deletes the folder.
/// </summary>
public sealed class ClusterProcesses : IDisposable
{
    private readonly List<LoggedProcess> _processes = [];

    public ClusterProcesses(string prefix) => Folder = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Folder { get; }

    /// <summary>Runs <paramref name="assembly"/> (Coordinator.dll, PeerNode.dll, GamerClient.dll) with <paramref name="arguments"/>.</summary>
    public LoggedProcess Start(string assembly, IEnumerable<string> arguments)
    {
        var process = LoggedProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly), .. arguments], Folder);
        _processes.Add(process);
        return process;
    }

    /// <summary>Writes a HOCON file into the folder and returns its path.</summary>
    public string Config(string name, string hocon)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, hocon + "\n");
        return path;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
