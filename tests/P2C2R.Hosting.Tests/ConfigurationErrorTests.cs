using Akka.Configuration;

namespace P2C2R.Hosting.Tests;

/// <summary>
/// A mistake in a layer is a <see cref="ConfigurationException"/> naming the file, line and column,
/// where Akka's parser alone would drop what follows, empty a value, or overflow the stack.
/// </summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("p2c2r-errors-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("a = \"open\nb = 1", 1, 5, "unterminated string")]
    [InlineData("a = \"\"\"never closed", 1, 5, "unterminated \"\"\" string")]
    [InlineData("p2c2r {\n  a = 1\n", 1, 7, "'{' is never closed")]
    [InlineData("a = [1,\n 2\n", 1, 5, "'[' is never closed")]
    [InlineData("a = 1\n}\nb = 2", 2, 1, "unexpected '}'")]
    [InlineData("a {\n  b =\n}", 3, 1, "missing value")]
    [InlineData("a = 1 2\nb\n", 2, 1, "after the key 'b'")]
    [InlineData("a = b = c", 1, 7, "unexpected '='")]
    [InlineData("a = 127.0.0.1:8765", 1, 14, "unexpected ':'")]
    [InlineData("a = x@y", 1, 6, "'@' must be quoted")]
    [InlineData("a = \"bad \\q escape\"", 1, 5, "invalid escape")]
    [InlineData("a = ${b", 1, 5, "unterminated substitution")]
    [InlineData("include \"other.conf\"", 1, 1, "'include' is not supported")]
    [InlineData("a = [1]\na += 2", 2, 3, "'+=' is not supported")]
    [InlineData("x {\n  a = ${p2c2r.nothing.here}\n}", 2, 7, "nothing defines p2c2r.nothing.here")]
    [InlineData("a = 1\na = ${a}", 2, 5, "substitution cycle a -> a")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}", 1, 5, "substitution cycle a -> b -> c -> a")]
    [InlineData("a { x = ${a} }", 1, 9, "substitution cycle a.x -> a.x")]
    public void A_malformed_file_is_reported_at_its_line_and_column(string text, int line, int column, string message)
    {
        var file = Path.Combine(_root, "bad.conf");
        File.WriteAllText(file, text);

        var error = Assert.Throws<ConfigurationException>(() =>
            NodeConfiguration.Load("testnode", typeof(ConfigurationErrorTests).Assembly, file, _root, environment: new Dictionary<string, string>()));

        Assert.StartsWith($"{file}:{line}:{column}: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_config_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            NodeConfiguration.Load("testnode", typeof(ConfigurationErrorTests).Assembly, Path.Combine(_root, "nope.conf"), _root));
        Assert.Contains("nope.conf", error.Message);
    }

    [Fact]
    public void A_node_without_embedded_defaults_is_an_error_naming_the_resource()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            NodeConfiguration.Load("nosuchnode", typeof(ConfigurationErrorTests).Assembly, null, _root));
        Assert.Contains("nosuchnode.conf", error.Message);
    }

    [Fact]
    public void Comments_quoted_keys_and_multi_line_strings_are_well_formed()
    {
        var file = Path.Combine(_root, "good.conf");
        File.WriteAllText(file, """"
            # a comment
            p2c2r.testnode {
              // another comment
              "quoted key" = "value # not a comment"
              text = """two
            lines"""
              list = [
                1,
                2
              ]
            }
            """");

        var config = NodeConfiguration.Load("testnode", typeof(ConfigurationErrorTests).Assembly, file, _root, environment: new Dictionary<string, string>());

        Assert.Equal("value # not a comment", config.GetString("p2c2r.testnode.quoted key"));
        Assert.Equal("two\nlines", config.GetString("p2c2r.testnode.text"));
        Assert.Equal([1, 2], config.GetIntList("p2c2r.testnode.list"));
    }
}
