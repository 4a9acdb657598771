using System.CommandLine;
using P2C2R.Coordinator.Web.Login;
using P2C2R.Edge.Identity;
using P2C2R.GamerClient.Commands;
using P2C2R.PeerNode.WebLogin;

namespace P2C2R.Web.Tests;

/// <summary>
/// <c>GamerClient web-login</c> and <c>PeerNode web-login</c>, run in process as a user runs them
/// against a real node: an account gets its four links, and the fifth time (its codes unused)
/// the command fails and prints the reason the node gave in <c>web.login-link</c>.
/// </summary>
public sealed class WebLoginRefusalTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("p2c2r-web-login-").FullName;

    [Fact]
    public async Task The_clis_print_the_reason_a_fifth_unused_code_is_refused()
    {
        await using var node = await WebNode.StartAsync();
        var gamer = new[] { "web-login", "--coordinator", node.Edge.ToString(), "--identity", Path.Combine(_folder, "gamer.key") };
        var helperKey = Path.Combine(_folder, "helper.key");
        IdentityStore.LoadOrCreate(helperKey).Dispose();
        var helper = new[] { "web-login", "--coordinator", node.Edge.ToString(), "--identity", helperKey, "--name", "box1" };

        for (var i = 0; i < WebLogins.MaxCodesPerAccount; i++)
        {
            var (gamerCode, gamerOutput, _) = await RunAsync(GamerCommands.Create(typeof(GamerCommands).Assembly), gamer);
            Assert.True(gamerCode == 0, $"GamerClient web-login {i + 1} exited {gamerCode}");
            Assert.StartsWith(node.Http.BaseAddress + "login?code=", gamerOutput.Trim(), StringComparison.Ordinal);
            var (helperCode, helperOutput, _) = await RunAsync(PeerNodeRoot(), helper);
            Assert.True(helperCode == 0, $"PeerNode web-login {i + 1} exited {helperCode}");
            Assert.StartsWith(node.Http.BaseAddress + "login?code=", helperOutput.Trim(), StringComparison.Ordinal);
        }

        var (refusedGamer, _, gamerError) = await RunAsync(GamerCommands.Create(typeof(GamerCommands).Assembly), gamer);
        var (refusedHelper, _, helperError) = await RunAsync(PeerNodeRoot(), helper);

        Assert.Equal(1, refusedGamer);
        Assert.Contains("too many outstanding login codes", gamerError, StringComparison.Ordinal);
        Assert.Equal(1, refusedHelper);
        Assert.Contains("too many outstanding login codes", helperError, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The PeerNode's command line, as far as this test needs it: its <c>web-login</c>.</summary>
    private static RootCommand PeerNodeRoot() => new() { WebLoginCommand.Create(typeof(WebLoginCommand).Assembly) };

    /// <summary>Runs <paramref name="root"/> with <paramref name="args"/>; its exit code and what it printed on stdout and stderr.</summary>
    private static async Task<(int Code, string Output, string Error)> RunAsync(RootCommand root, string[] args)
    {
        var invocation = new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };
        var code = await root.Parse(args).InvokeAsync(invocation).WaitAsync(CommandTimeout);
        return (code, invocation.Output.ToString()!, invocation.Error.ToString()!);
    }
}
