using Microsoft.Extensions.Configuration;
using P2C2R.Hocon.Configuration;

namespace P2C2R.Hocon.Tests;

/// <summary>Options bind from HOCON, and environment variables override it.</summary>
public sealed class ConfigurationProviderTests
{
    private sealed class NodeOptions
    {
        public int Port { get; set; }
        public TimeSpan HeartbeatInterval { get; set; }
        public string Name { get; set; } = "";
        public List<string> Roles { get; set; } = [];
    }

    private static readonly Config Hocon = Config.Parse("""
        p2c2r.node {
          port = 8765
          heartbeat-interval = 500ms
          name = alpha
          roles = [coordinator, peer]
        }
        """);

    [Fact]
    public void Options_bind_from_hocon_with_dashes_and_durations()
    {
        var options = new ConfigurationBuilder().AddHocon(Hocon).Build().GetSection("p2c2r:node").Get<NodeOptions>()!;
        Assert.Equal(8765, options.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.HeartbeatInterval);
        Assert.Equal("alpha", options.Name);
        Assert.Equal(["coordinator", "peer"], options.Roles);
    }

    [Fact]
    public void Environment_variables_added_later_override_hocon()
    {
        var variable = $"P2C2R_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(variable + "p2c2r__node__port", "9999");
        try
        {
            var configuration = new ConfigurationBuilder().AddHocon(Hocon).AddEnvironmentVariables(variable).Build();
            Assert.Equal(9999, configuration.GetSection("p2c2r:node").Get<NodeOptions>()!.Port);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable + "p2c2r__node__port", null);
        }
    }
}
