using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.GamerClient.Connection;

namespace P2C2R.GamerClient.Tests;

public sealed class GamerSettingsTests
{
    [Fact]
    public void Reads_the_coordinators_in_order_and_the_waits()
    {
        var settings = GamerSettings.From(Gamer("""coordinator = "a.example:1, [::1]:2", connect-timeout = 3s, request-timeout = 250ms"""));

        Assert.Equal([new CoordinatorAddress("a.example", 1), new CoordinatorAddress("::1", 2)], settings.Coordinators);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.RequestTimeout);
        Assert.Null(settings.AdmissionToken);
        Assert.Equal(Environment.UserName, settings.Name);
    }

    [Fact]
    public void Without_an_identity_file_the_gamer_key_is_in_its_default_place()
    {
        Assert.Equal(IdentityStore.DefaultPath("gamer"), GamerSettings.From(Gamer("""coordinator = "h:1" """)).IdentityPath);
        Assert.Equal(Path.GetFullPath("alice.key"), GamerSettings.From(Gamer("""coordinator = "h:1", identity = alice.key""")).IdentityPath);
    }

    [Fact]
    public void An_admission_token_a_name_and_tls_are_passed_on()
    {
        var settings = GamerSettings.From(Gamer("""coordinator = "h:1", admission-token = t0k, name = bob, tls = on"""));

        Assert.Equal("t0k", settings.AdmissionToken);
        Assert.Equal("bob", settings.Name);
        Assert.True(settings.Tls);
    }

    [Theory]
    [InlineData("""coordinator = "" """)]
    [InlineData("""coordinator = "no-port" """)]
    [InlineData("""coordinator = "h:1", request-timeout = 0s""")]
    public void A_setting_that_cannot_work_is_a_configuration_error(string gamer) =>
        Assert.Throws<ConfigurationException>(() => GamerSettings.From(Gamer(gamer)));

    private static Config Gamer(string settings) => ConfigurationFactory.ParseString("""
        p2c2r.gamer { connect-timeout = 10s, request-timeout = 10s, identity = "", admission-token = "", name = "" }
        p2c2r.gamer {
        """ + settings + "\n}");
}
