using Akka.Configuration;

namespace P2C2R.Hosting.Tests;

/// <summary>
/// The layers, lowest first: embedded defaults, hocon/&lt;node&gt;.conf found upwards, --config FILE,
/// P2C2R_ environment variables, command-line settings; each wins over the ones before and moves
/// the substitutions of earlier layers.
/// </summary>
public sealed class NodeConfigurationTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly string _root = Directory.CreateTempSubdirectory("p2c2r-node-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Config Load(string? configFile = null, string? workingDirectory = null, Dictionary<string, string>? settings = null, Dictionary<string, string>? environment = null) =>
        NodeConfiguration.Load("testnode", typeof(NodeConfigurationTests).Assembly, configFile, workingDirectory ?? _root, settings, environment ?? NoEnvironment);

    [Fact]
    public void Embedded_defaults_apply_alone()
    {
        var config = Load();
        Assert.Equal(1, config.GetInt("p2c2r.testnode.port"));
        Assert.Equal(1, config.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal("hello embedded", config.GetString("p2c2r.testnode.greeting"));
    }

    [Fact]
    public void Each_layer_overrides_the_ones_below_it()
    {
        Directory.CreateDirectory(Path.Combine(_root, "hocon"));
        File.WriteAllText(Path.Combine(_root, "hocon", "testnode.conf"), "p2c2r.testnode { port = 2, name = folder, a = folder, b = folder, c = folder, d = folder }");
        var nested = Directory.CreateDirectory(Path.Combine(_root, "x", "y")).FullName;
        var file = Path.Combine(_root, "override.conf");
        File.WriteAllText(file, "p2c2r.testnode { port = 3, a = file, b = file, c = file }");

        var config = Load(
            file,
            nested,
            settings: new() { ["p2c2r.testnode.c"] = "command line" },
            environment: new() { ["P2C2R_P2C2R__TESTNODE__B"] = "environment", ["P2C2R_P2C2R__TESTNODE__C"] = "environment" });

        Assert.Equal("folder", config.GetString("p2c2r.testnode.d"));
        Assert.Equal("file", config.GetString("p2c2r.testnode.a"));
        Assert.Equal("environment", config.GetString("p2c2r.testnode.b"));
        Assert.Equal("command line", config.GetString("p2c2r.testnode.c"));
        Assert.Equal(3, config.GetInt("p2c2r.testnode.port"));
        Assert.Equal("hello folder", config.GetString("p2c2r.testnode.greeting"));
    }

    [Fact]
    public void A_later_layer_moves_the_substitutions_of_earlier_layers()
    {
        var config = Load(settings: new() { ["p2c2r.testnode.port"] = "9000", ["p2c2r.testnode.name"] = "cli" });
        Assert.Equal(9000, config.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal("hello cli", config.GetString("p2c2r.testnode.greeting"));
    }

    [Fact]
    public void An_optional_substitution_takes_a_defined_value_and_leaves_the_earlier_one_for_an_undefined_path()
    {
        var file = Path.Combine(_root, "optional.conf");
        File.WriteAllText(file, "p2c2r.testnode {\n  a = 1\n  a = ${?p2c2r.testnode.name}\n  b = 2\n  b = ${?p2c2r.testnode.nothing}\n  c = \"x-\"${?p2c2r.testnode.nothing}\n}\n");

        var config = Load(file, settings: new() { ["p2c2r.testnode.name"] = "later" });

        Assert.Equal("later", config.GetString("p2c2r.testnode.a"));
        Assert.Equal(2, config.GetInt("p2c2r.testnode.b"));
        Assert.Equal("x-", config.GetString("p2c2r.testnode.c"));
    }

    [Fact]
    public void Values_from_the_command_line_are_strings_never_hocon()
    {
        var config = Load(settings: new() { ["p2c2r.testnode.name"] = "a\"b ${x} {c}\nd" });
        Assert.Equal("hello a\"b ${x} {c}\nd", config.GetString("p2c2r.testnode.greeting"));
    }

    [Fact]
    public void The_editable_file_is_the_nearest_one_above_the_working_directory()
    {
        Directory.CreateDirectory(Path.Combine(_root, "hocon"));
        Directory.CreateDirectory(Path.Combine(_root, "a", "hocon"));
        File.WriteAllText(Path.Combine(_root, "hocon", "testnode.conf"), "p2c2r.testnode.port = 2");
        File.WriteAllText(Path.Combine(_root, "a", "hocon", "testnode.conf"), "p2c2r.testnode.port = 3");
        var start = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;

        Assert.Equal(Path.Combine(_root, "a", "hocon", "testnode.conf"), NodeConfiguration.FindEditableFile("testnode", start));
        Assert.Equal(3, Load(workingDirectory: start).GetInt("p2c2r.testnode.port"));
        Assert.Null(NodeConfiguration.FindEditableFile("othernode", start));
    }

    [Fact]
    public void A_config_file_wrapped_in_braces_layers_like_any_other()
    {
        var file = Path.Combine(_root, "braces.conf");
        File.WriteAllText(file, "{\n  p2c2r.testnode.name = braces\n}\n");
        Assert.Equal("hello braces", Load(file).GetString("p2c2r.testnode.greeting"));
    }

    [Fact]
    public void For_tests_takes_the_embedded_defaults_and_the_overrides_only()
    {
        var config = NodeConfiguration.ForTests("testnode", typeof(NodeConfigurationTests).Assembly, new Dictionary<string, string> { ["p2c2r.testnode.port"] = "0" });
        Assert.Equal(0, config.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal("hello embedded", config.GetString("p2c2r.testnode.greeting"));
    }

    [Fact]
    public void The_system_name_is_the_node_name_or_the_fallback_and_must_be_valid()
    {
        Assert.Equal("testnode", NodeConfiguration.SystemName(Load(), "fallback"));
        Assert.Equal("fallback", NodeConfiguration.SystemName(ConfigurationFactory.Empty, "fallback"));
        Assert.Equal("helper-2", NodeConfiguration.SystemName(Load(settings: new() { ["p2c2r.node.name"] = "helper-2" }), "fallback"));
        var error = Assert.Throws<ConfigurationException>(() => NodeConfiguration.SystemName(Load(settings: new() { ["p2c2r.node.name"] = "bad name" }), "fallback"));
        Assert.Contains("p2c2r.node.name", error.Message);
    }
}
