using P2C2R.Hocon;

namespace P2C2R.Hosting.Tests;

/// <summary>Embedded defaults, then hocon/&lt;name&gt;.conf, then --config: each layer overrides the one before.</summary>
public sealed class NodeConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("p2c2r-node-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Embedded_defaults_and_runtime_defaults_apply_alone()
    {
        var config = NodeConfiguration.Load("testnode", typeof(NodeConfigurationTests).Assembly, null, _root);
        Assert.Equal(1, config.GetInt("p2c2r.testnode.port"));
        Assert.Equal("hello embedded", config.GetString("p2c2r.testnode.greeting"));
        Assert.Equal(100, config.GetInt("p2c2r.actor.dispatcher.throughput"));
    }

    [Fact]
    public void Hocon_folder_file_overrides_embedded_defaults_and_config_file_overrides_both()
    {
        Directory.CreateDirectory(Path.Combine(_root, "hocon"));
        File.WriteAllText(Path.Combine(_root, "hocon", "testnode.conf"), "p2c2r.testnode { port = 2, name = folder }");
        var nested = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;
        var fromFolder = NodeConfiguration.Load("testnode", typeof(NodeConfigurationTests).Assembly, null, nested);
        Assert.Equal(2, fromFolder.GetInt("p2c2r.testnode.port"));
        Assert.Equal("hello folder", fromFolder.GetString("p2c2r.testnode.greeting"));

        var overrides = Path.Combine(_root, "override.conf");
        File.WriteAllText(overrides, "p2c2r.testnode.port = 3\np2c2r.actor.dispatcher.throughput = 7");
        var layered = NodeConfiguration.Load("testnode", typeof(NodeConfigurationTests).Assembly, overrides, nested);
        Assert.Equal(3, layered.GetInt("p2c2r.testnode.port"));
        Assert.Equal("hello folder", layered.GetString("p2c2r.testnode.greeting"));
        Assert.Equal(7, layered.GetInt("p2c2r.actor.dispatcher.throughput"));
    }

    [Fact]
    public void Missing_config_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<ConfigException>(() =>
            NodeConfiguration.Load("testnode", typeof(NodeConfigurationTests).Assembly, Path.Combine(_root, "nope.conf"), _root));
        Assert.Contains("nope.conf", error.Message);
    }
}
