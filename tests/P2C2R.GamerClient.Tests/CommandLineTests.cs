using System.CommandLine;
using System.Text.Json;
using Akka.TestKit.Xunit2;
using P2C2R.GameSdk;
using P2C2R.GamerClient.Commands;
using P2C2R.GamerClient.Tests.Support;

namespace P2C2R.GamerClient.Tests;

/// <summary>
/// The commands as a user runs them, in process, against a real edge server whose fake
/// coordinator plays the built-in game at a small frame size; what a command prints is captured
/// through the invocation's writers.
/// </summary>
public sealed class CommandLineTests : TestKit, IAsyncLifetime
{
    private static readonly FrameFormat SmallFrames = new(32, 18, 64, 36, 2);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gamer-cli-");
    private FakeCoordinator _coordinator = null!;

    public async Task InitializeAsync() => _coordinator = await FakeCoordinator.StartAsync(Sys, gameFormat: SmallFrames);

    public async Task DisposeAsync()
    {
        await _coordinator.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Session_commands_act_for_the_account_of_the_identity_key()
    {
        var balance = Json(await Run("alice", 0, "balance", "--json"));
        Assert.Matches("^[0-9a-f]{32}$", balance.GetProperty("account").GetString());
        Assert.Equal(100, balance.GetProperty("credits").GetInt64());

        var id = Json(await Run("alice", 0, "session", "start", "--json")).GetProperty("sessionId").GetString()!;
        Assert.True(Json(await Run("alice", 0, "session", "status", id, "--json")).GetProperty("active").GetBoolean());
        Assert.Contains(id, Json(await Run("alice", 0, "session", "list", "--json")).EnumerateArray().Select(s => s.GetProperty("sessionId").GetString()));
        Assert.Equal(0, Json(await Run("bob", 0, "session", "list", "--json")).GetArrayLength());
        Assert.Equal("not found", Json(await Run("bob", 3, "session", "end", id, "--json")).GetProperty("error").GetString());

        Assert.True(Json(await Run("alice", 0, "session", "end", id, "--json")).GetProperty("ended").GetBoolean());
        Assert.False(Json(await Run("alice", 0, "session", "status", id, "--json")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Web_login_prints_the_link_the_coordinator_gave_the_account_of_the_key()
    {
        var account = Json(await Run("alice", 0, "balance", "--json")).GetProperty("account").GetString();

        var link = Json(await Run("alice", 0, "web-login", "--json"));

        Assert.Equal("http://127.0.0.1:1/login?code=for-" + account, link.GetProperty("url").GetString());
        Assert.Equal(120_000, link.GetProperty("expiresInMs").GetInt64());
        Assert.Equal("http://127.0.0.1:1/login?code=for-" + account, (await Run("alice", 0, "web-login")).Trim());
    }

    [Fact]
    public async Task A_replay_renders_the_frames_that_were_played_byte_for_byte()
    {
        var played = Path.Combine(_folder.FullName, "played");
        var replayed = Path.Combine(_folder.FullName, "replayed");

        var report = Json(await Run("alice", 0, "play", "--headless", "--autopilot", "--seconds", "1.5", "--json", "--record", played));
        var (id, first, last) = (report.GetProperty("sessionId").GetString()!, report.GetProperty("firstTick").GetInt64(), report.GetProperty("lastTick").GetInt64());
        Assert.True(last - first >= 5, $"too few frames played: {report}");
        Assert.NotEqual("", report.GetProperty("framesDigest").GetString());
        var replay = Json(await Run("alice", 0, "replay", id, "--from", $"{first}", "--to", $"{last}", "--record", replayed, "--json"));

        Assert.Equal(report.GetProperty("framesDigest").GetString(), replay.GetProperty("framesDigest").GetString());
        var files = Directory.GetFiles(played).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(last - first + 1, files.Length);
        Assert.Equal(files, Directory.GetFiles(replayed).Select(Path.GetFileName).Order().ToArray());
        Assert.All(files, name => Assert.Equal(File.ReadAllBytes(Path.Combine(played, name!)), File.ReadAllBytes(Path.Combine(replayed, name!))));
    }

    [Fact]
    public async Task Without_a_coordinator_a_command_fails_with_exit_code_1_after_the_configured_wait()
    {
        var config = Path.Combine(_folder.FullName, "fast.conf");
        await File.WriteAllTextAsync(config, "p2c2r.gamer.connect-timeout = 500ms\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await RunAt("127.0.0.1:1", "alice", 1, "balance", "--config", config);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    private Task<string> Run(string gamer, int exitCode, params string[] args) => RunAt(_coordinator.Address.ToString(), gamer, exitCode, args);

    /// <summary>Runs GamerClient with <paramref name="args"/> as <paramref name="gamer"/> and gives what it printed on stdout.</summary>
    private async Task<string> RunAt(string coordinator, string gamer, int exitCode, params string[] args)
    {
        string[] all = [.. args, "--coordinator", coordinator, "--identity", Path.Combine(_folder.FullName, gamer + ".key")];
        var invocation = new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };
        var code = await GamerCommands.Create(typeof(GamerCommands).Assembly).Parse(all).InvokeAsync(invocation).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == exitCode, $"GamerClient {string.Join(' ', args)} exited {code}, printed: {invocation.Output} {invocation.Error}");
        return invocation.Output.ToString()!;
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;
}
