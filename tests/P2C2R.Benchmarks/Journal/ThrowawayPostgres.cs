using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace P2C2R.Benchmarks.Journal;

/// <summary>
/// A PostgreSQL server for one benchmark run: the connection string in <c>P2C2R_POSTGRES</c>
/// when set, otherwise a fresh cluster made with this machine's <c>initdb</c> in a temporary
/// folder, on a free loopback port, with PostgreSQL's default durability (fsync on, synchronous
/// commit), stopped and deleted on dispose. As root the server runs as user <c>postgres</c>
/// (PostgreSQL refuses root). Where no binaries are found the harness says so and skips it.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string Variable = "P2C2R_POSTGRES";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string? bin;
    private readonly string? folder;
    private readonly bool asPostgresUser;

    private ThrowawayPostgres(string connectionString, string? bin = null, string? folder = null, bool asPostgresUser = false)
    {
        ConnectionString = connectionString;
        this.bin = bin;
        this.folder = folder;
        this.asPostgresUser = asPostgresUser;
    }

    public string ConnectionString { get; }

    /// <summary>A running server, or null with the reason this machine has none.</summary>
    public static async Task<(ThrowawayPostgres? Server, string? Unavailable)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return (new ThrowawayPostgres(given), null);
        }

        var bin = FindBinaries();
        if (bin is null)
        {
            return (null, $"no PostgreSQL binaries under /usr/lib/postgresql (or set {Variable} to a connection string)");
        }

        var asPostgres = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("p2c2r-bench-pg-").FullName;
        var port = FreePort();
        var server = new ThrowawayPostgres($"Host=127.0.0.1;Port={port};Username=p2c2r;Database=postgres;Timeout=30;Command Timeout=120", bin, folder, asPostgres);
        try
        {
            if (asPostgres)
            {
                await RunAsync("chown", ["postgres", folder], asPostgresUser: false);
            }

            var data = Path.Combine(folder, "data");
            await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "p2c2r", "-A", "trust", "-E", "UTF8"]);
            var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {folder}";
            await server.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
            return (server, null);
        }
        catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            await server.DisposeAsync();
            return (null, $"PostgreSQL in {bin} did not start: {error.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (bin is null || folder is null)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // It never started: nothing to stop.
        }

        Directory.Delete(folder, recursive: true);
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private Task RunAsync(string program, string[] arguments) => RunAsync(program, arguments, asPostgresUser);

    private static async Task RunAsync(string program, string[] arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgresUser)
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
