using System.Diagnostics;
using System.Text.Json.Nodes;

namespace P2C2R.Remote.Tests.CrossLanguage;

/// <summary>
/// Runs check.mjs under Node.js. The package it needs is installed by this class on first use
/// (npm install into the test output folder), so a fresh clone needs no manual step.
/// </summary>
internal static class NodeScript
{
    private static readonly Lazy<string> Folder = new(Install);

    public static JsonNode Run(JsonNode request)
    {
        var (code, output, error) = Execute("node", ["check.mjs"], Folder.Value, request.ToJsonString(), TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"node check.mjs failed ({code}): {error}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>Starts a long-running script (its standard output redirected) in the installed folder.</summary>
    public static Process Start(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder.Value,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start node {script}");
    }

    private static string Install()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "CrossLanguage");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@msgpack", "msgpack")))
        {
            var (code, _, error) = Execute("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], folder, null, TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"npm install @msgpack/msgpack failed ({code}): {error}");
        }

        return folder;
    }

    private static (int Code, string Output, string Error) Execute(string file, string[] arguments, string folder, string? input, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
