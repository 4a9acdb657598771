using System.Diagnostics;

namespace P2C2R.Browser.Tests;

/// <summary>
/// Debian's chromium, which the browser tests drive (Playwright's own browser download is not
/// used): when it is missing, <c>scripts/chromium.sh</c> installs it, as CI does; when it still
/// cannot be had, the reason is what the tests are skipped with.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<string?> Missing = new(Find);

    /// <summary>Why there is no browser here, or null when <see cref="ExecutablePath"/> is there.</summary>
    public static string? WhyMissing => Missing.Value;

    /// <summary>The repository's root: the folder of P2C2R.sln above the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "P2C2R.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no P2C2R.sln above {AppContext.BaseDirectory}");
    }

    private static string? Find()
    {
        if (File.Exists(ExecutablePath))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return $"no {ExecutablePath}: the browser tests drive Debian's chromium";
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "chromium.sh");
        using var install = Process.Start(new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{script} did not start");
        var output = install.StandardOutput.ReadToEndAsync();
        if (!install.WaitForExit(InstallTimeout))
        {
            install.Kill(entireProcessTree: true);
            return $"scripts/chromium.sh did not install chromium within {InstallTimeout.TotalMinutes} minutes";
        }

        return File.Exists(ExecutablePath) ? null : $"no {ExecutablePath} and scripts/chromium.sh could not install it: {output.Result.Trim()}";
    }
}
