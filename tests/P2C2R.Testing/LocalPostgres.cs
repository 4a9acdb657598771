using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace P2C2R.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: the connection string in
/// <c>P2C2R_POSTGRES</c> when set, otherwise a fresh cluster made with the machine's own
/// <c>initdb</c> in a temporary folder, listening on a free loopback port, stopped and deleted on
/// dispose, without fsync (the data is thrown away anyway). As root the server runs as the
/// <c>postgres</c> user (it refuses root).
/// <c>scripts/debian-package.sh postgresql …</c> (run by CI) installs the binaries where they are missing.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    public const string Variable = "P2C2R_POSTGRES";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string? _bin;
    private readonly string? _folder;
    private readonly bool _asPostgresUser;

    private LocalPostgres(string connectionString, string? bin = null, string? folder = null, bool asPostgresUser = false)
    {
        ConnectionString = connectionString;
        _bin = bin;
        _folder = folder;
        _asPostgresUser = asPostgresUser;
    }

    public string ConnectionString { get; }

    /// <summary>Starts (or finds) a server; null with the reason when this machine cannot run one.</summary>
    public static async Task<(LocalPostgres? Server, string? Unavailable)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return (new LocalPostgres(given), null);
        }

        var bin = FindBinaries();
        if (bin is null)
        {
            return (null, "PostgreSQL is not installed here: run scripts/debian-package.sh postgresql (CI does), or set P2C2R_POSTGRES to a connection string");
        }

        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("p2c2r-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        var server = new LocalPostgres($"Host=127.0.0.1;Port={port};Username=p2c2r;Database=postgres;Pooling=true;Timeout=30;Command Timeout=60", bin, folder, asPostgresUser);
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres", folder], asUser: false);
            }

            await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "p2c2r", "-A", "trust", "--no-sync", "-E", "UTF8"]);
            string[] options = [$"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {folder}", "-c fsync=off -c synchronous_commit=off"];
            await server.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", string.Join(' ', options), "-w", "-t", "60", "start"]);
            return (server, null);
        }
        catch (Exception error)
        {
            await server.DisposeAsync();
            return (null, $"PostgreSQL found in {bin} did not start: {error.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_bin is null || _folder is null)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // It never started, or is already gone: nothing to stop.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private Task RunAsync(string program, string[] arguments) => RunAsync(program, arguments, _asPostgresUser);

    private static async Task RunAsync(string program, string[] arguments, bool asUser)
    {
        var start = new ProcessStartInfo(asUser ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asUser)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {CommandTimeout.TotalSeconds:0} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}");
        }
    }
}
