using Akka.Configuration;

namespace P2C2R.Coordinator.Tests;

/// <summary>The replication and canary settings the scheduler reads, with their defaults and their bounds.</summary>
public sealed class CoordinatorSettingsTests
{
    [Fact]
    public void The_built_in_configuration_gives_the_documented_defaults()
    {
        var settings = CoordinatorSettings.From(ConfigurationFactory.Empty);

        Assert.Equal((24, 48, 10, 0.05, 0.02, 0.1, 100), (settings.Ipv4Prefix, settings.Ipv6Prefix, settings.TrustRun, settings.MinReplicationRate, settings.SpotRate, settings.VerifyRate, settings.VerifyRun));
        Assert.Equal((32, 8L << 20), (settings.CanaryPoolPerType, settings.CanaryPoolBytes));
        Assert.Equal(new CoordinatorSettings() with { Game = settings.Game, Frame = settings.Frame }, settings);
    }

    [Fact]
    public void Replica_settings_are_read_from_hocon()
    {
        var settings = CoordinatorSettings.From(ConfigurationFactory.ParseString("""
            p2c2r.coordinator.replicas { ipv4-prefix = 32, ipv6-prefix = 64, trust-run = 20, min-rate = 0.1, spot-rate = 0.5, verify-rate = 0.25, verify-run = 50 }
            p2c2r.coordinator.validation.canary-pool { per-type = 8, max-bytes = 1 MiB }
            """));

        Assert.Equal((32, 64, 20, 0.1, 0.5, 0.25, 50), (settings.Ipv4Prefix, settings.Ipv6Prefix, settings.TrustRun, settings.MinReplicationRate, settings.SpotRate, settings.VerifyRate, settings.VerifyRun));
        Assert.Equal((8, 1L << 20), (settings.CanaryPoolPerType, settings.CanaryPoolBytes));
    }

    [Fact]
    public void A_frame_is_finished_in_one_task_unless_the_fleet_runs_only_upscale_and_deflate()
    {
        Assert.Equal(Sessions.FrameFinish.OneTask, CoordinatorSettings.From(ConfigurationFactory.Empty).FrameFinish);
        var split = CoordinatorSettings.From(ConfigurationFactory.ParseString("p2c2r.coordinator.game.frame.finish = upscale-then-deflate"));
        Assert.Equal(Sessions.FrameFinish.UpscaleThenDeflate, split.FrameFinish);
    }

    [Theory]
    [InlineData("replicas.ipv4-prefix = 33", "ipv4-prefix")]
    [InlineData("replicas.ipv4-prefix = -1", "ipv4-prefix")]
    [InlineData("replicas.ipv6-prefix = 129", "ipv6-prefix")]
    [InlineData("replicas.trust-run = 0", "trust-run")]
    [InlineData("replicas.min-rate = 1.5", "min-rate")]
    [InlineData("replicas.spot-rate = -0.1", "spot-rate")]
    [InlineData("validation.canary-pool.per-type = 0", "per-type")]
    [InlineData("game.frame.finish = twice", "game.frame.finish")]
    public void A_value_out_of_range_is_a_configuration_error_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => CoordinatorSettings.From(ConfigurationFactory.ParseString("p2c2r.coordinator." + hocon)));

        Assert.Contains("p2c2r.coordinator.", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
