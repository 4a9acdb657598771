using System.Diagnostics;

namespace P2C2R.Sandbox.Host;

/// <summary>
/// Runs workers inside a fresh network namespace with <c>unshare --net --map-root-user</c>: the
/// worker sees only a loopback interface that is down, so no executor bug can reach the network.
/// Whether the host allows unprivileged namespaces is probed once.
/// </summary>
internal static class NetworkIsolation
{
    private static readonly Lazy<string?> s_unshare = new(Probe);

    /// <summary>The unshare executable when namespaces work on this host, else null.</summary>
    public static string? Unshare => s_unshare.Value;

    public static void Wrap(ProcessStartInfo info, string program)
    {
        info.FileName = Unshare!;
        info.ArgumentList.Add("--net");
        info.ArgumentList.Add("--map-root-user");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(program);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var candidate in new[] { "/usr/bin/unshare", "/bin/unshare" })
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["--net", "--map-root-user", "--", "true"])
                {
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                if (probe is not null && probe.WaitForExit(5000) && probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        return null;
    }
}
