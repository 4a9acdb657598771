using Akka.Configuration;

namespace P2C2R.Hosting.Tests;

/// <summary>
/// The environment reaches the configuration two ways: P2C2R_ variables naming a path
/// (<c>__</c> for a dot, <c>_</c> for a hyphen), and <c>${?NAME}</c> in the files, which Akka's
/// parser alone would read as an empty value instead of leaving the earlier one.
/// </summary>
public sealed class EnvironmentTests
{
    private static readonly string Nowhere = Directory.CreateTempSubdirectory("p2c2r-env-").FullName;

    private static Config Load(Dictionary<string, string> environment) =>
        NodeConfiguration.Load("testnode", typeof(EnvironmentTests).Assembly, null, Nowhere, environment: environment);

    [Fact]
    public void Prefixed_variables_map_to_lower_case_paths()
    {
        var config = Load(new()
        {
            ["P2C2R_P2C2R__TESTNODE__PORT"] = "9000",
            ["P2C2R_P2C2R__TESTNODE__DATA_DIR"] = "/var/lib/p2c2r",
            ["p2c2r_akka__loglevel"] = "DEBUG",
            ["P2C2R_COORDINATOR"] = "not a path",
            ["OTHER__PORT"] = "5",
        });

        Assert.Equal(9000, config.GetInt("p2c2r.testnode.port"));
        Assert.Equal(9000, config.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal("/var/lib/p2c2r", config.GetString("p2c2r.testnode.data-dir"));
        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
        Assert.False(config.HasPath("coordinator"));
        Assert.False(config.HasPath("other"));
    }

    [Fact]
    public void An_optional_environment_substitution_replaces_the_value_when_the_variable_is_set()
    {
        var config = Load(new() { ["P2C2R_TESTNODE_PORT"] = "7", ["P2C2R_TESTNODE_PEER"] = "middle", ["P2C2R_TESTNODE_USER"] = "ada" });
        Assert.Equal(7, config.GetInt("p2c2r.testnode.port"));
        Assert.Equal(7, config.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal(["first", "middle", "last"], config.GetStringList("p2c2r.testnode.peers"));
        Assert.Equal("/home/ada", config.GetString("p2c2r.testnode.home"));
    }

    [Fact]
    public void An_optional_environment_substitution_leaves_the_earlier_value_when_the_variable_is_absent()
    {
        var config = Load([]);
        Assert.Equal(1, config.GetInt("p2c2r.testnode.port"));
        Assert.Equal(1, config.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal(["first", "last"], config.GetStringList("p2c2r.testnode.peers"));
        Assert.Equal("/home/", config.GetString("p2c2r.testnode.home"));
    }

    [Fact]
    public void A_required_environment_substitution_of_an_absent_variable_is_an_error_naming_the_line()
    {
        var file = Path.Combine(Nowhere, "required.conf");
        File.WriteAllText(file, "p2c2r.testnode {\n  secret = ${P2C2R_TEST_SECRET}\n}\n");
        var error = Assert.Throws<ConfigurationException>(() =>
            NodeConfiguration.Load("testnode", typeof(EnvironmentTests).Assembly, file, Nowhere, environment: new Dictionary<string, string>()));
        Assert.Contains($"{file}:2:12:", error.Message);
        Assert.Contains("P2C2R_TEST_SECRET", error.Message);

        var set = NodeConfiguration.Load("testnode", typeof(EnvironmentTests).Assembly, file, Nowhere, environment: new Dictionary<string, string> { ["P2C2R_TEST_SECRET"] = "s3" });
        Assert.Equal("s3", set.GetString("p2c2r.testnode.secret"));
    }

    [Fact]
    public void The_process_environment_is_read_when_none_is_given()
    {
        const string variable = "P2C2R_P2C2R__TESTNODE__FROM_PROCESS";
        Environment.SetEnvironmentVariable(variable, "yes");
        try
        {
            Assert.Equal("yes", NodeConfiguration.Load("testnode", typeof(EnvironmentTests).Assembly, null, Nowhere).GetString("p2c2r.testnode.from-process"));
            Assert.False(NodeConfiguration.ForTests("testnode", typeof(EnvironmentTests).Assembly, new Dictionary<string, string>()).HasPath("p2c2r.testnode.from-process"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
