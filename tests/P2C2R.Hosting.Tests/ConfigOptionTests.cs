using System.CommandLine;

namespace P2C2R.Hosting.Tests;

/// <summary>A <see cref="ConfigOption"/> is an ordinary option whose value becomes one configuration setting.</summary>
public sealed class ConfigOptionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("p2c2r-option-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void An_option_carries_its_configuration_path_and_parses_like_any_option()
    {
        var port = ConfigOption.Create("--port", "TCP port", "p2c2r.coordinator.port");
        var command = new RootCommand { port };

        Assert.Equal("--port", port.Name);
        Assert.Equal("TCP port", port.Description);
        Assert.Equal("p2c2r.coordinator.port", port.HoconPath);
        Assert.Equal("9000", command.Parse(["--port", "9000"]).GetValue(port));
        Assert.Null(command.Parse([]).GetValue(port));
    }

    [Fact]
    public async Task A_node_command_sets_each_given_option_at_its_path_over_every_file()
    {
        var config = Path.Combine(_root, "node.conf");
        await File.WriteAllTextAsync(config, "p2c2r.testnode { port = 3, name = file }");
        var command = NodeCommand.Create("testnode", "test node", typeof(ConfigOptionTests).Assembly, null,
            ConfigOption.Create("--port", "port", "p2c2r.testnode.port"),
            ConfigOption.Create("--name", "name", "p2c2r.testnode.name"));
        var output = new StringWriter();

        var exit = await command.Parse(["--config", config, "--port", "9000", "--print-config"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        var printed = Akka.Configuration.ConfigurationFactory.ParseString(output.ToString());
        Assert.Equal(9000, printed.GetInt("p2c2r.testnode.listen-port"));
        Assert.Equal("hello file", printed.GetString("p2c2r.testnode.greeting"));
    }

    [Theory]
    [InlineData(new[] { "--port", "9000" }, "hello implied")]
    [InlineData(new[] { "--port", "9000", "--name", "cli" }, "hello cli")]
    [InlineData(new string[0], "hello embedded")]
    public async Task An_option_given_also_makes_the_settings_it_implies_unless_an_option_given_sets_them(string[] args, string greeting)
    {
        var command = NodeCommand.Create("testnode", "test node", typeof(ConfigOptionTests).Assembly, null,
            ConfigOption.Create("--port", "port", "p2c2r.testnode.port").Implying("p2c2r.testnode.name", "implied"),
            ConfigOption.Create("--name", "name", "p2c2r.testnode.name"));
        var output = new StringWriter();

        var exit = await command.Parse([.. args, "--print-config"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Equal(greeting, Akka.Configuration.ConfigurationFactory.ParseString(output.ToString()).GetString("p2c2r.testnode.greeting"));
    }
}
