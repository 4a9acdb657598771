using P2C2R.Hocon;

namespace P2C2R.Hocon.Tests;

/// <summary>Substitutions, self-references and <c>+=</c>, following the specification's examples.</summary>
public sealed class SubstitutionTests
{
    private static Config Parse(string text, params (string Name, string Value)[] environment) =>
        new ConfigBuilder()
            .AddText(text)
            .WithEnvironment(name => environment.FirstOrDefault(e => e.Name == name).Value)
            .Build();

    [Fact]
    public void Substitution_copies_a_value_defined_earlier_or_later()
    {
        var config = Parse("a = ${b.c}\nb.c = 42\nd = ${a}");
        Assert.Equal(42, config.GetInt("a"));
        Assert.Equal(42, config.GetInt("d"));
    }

    [Fact]
    public void Substitution_of_an_object_copies_the_whole_object()
    {
        var config = Parse("defaults { timeout = 5s, retries = 3 }\nclient = ${defaults} { retries = 5 }");
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("client.timeout"));
        Assert.Equal(5, config.GetInt("client.retries"));
    }

    [Fact]
    public void Substitutions_concatenate_with_strings()
    {
        var config = Parse("host = example\nport = 80\nurl = \"tcp://\"${host}\":\"${port}/path");
        Assert.Equal("tcp://example:80/path", config.GetString("url"));
    }

    [Fact]
    public void Required_substitution_falls_back_to_the_environment()
    {
        var config = Parse("home = ${HOME_DIR}", ("HOME_DIR", "/home/p2c2r"));
        Assert.Equal("/home/p2c2r", config.GetString("home"));
    }

    [Fact]
    public void Optional_environment_substitution_overrides_only_when_set()
    {
        const string text = "port = 8765\nport = ${?P2C2R_PORT}";
        Assert.Equal(8765, Parse(text).GetInt("port"));
        Assert.Equal(9000, Parse(text, ("P2C2R_PORT", "9000")).GetInt("port"));
    }

    [Fact]
    public void Undefined_optional_substitution_leaves_the_field_undefined()
    {
        var config = Parse("a = ${?nope}\nb = [1, ${?nope}, 2]");
        Assert.False(config.HasPath("a"));
        Assert.Equal(["1", "2"], config.GetStringList("b"));
    }

    [Fact]
    public void Self_reference_appends_to_the_previous_value()
    {
        var config = Parse("path = [a]\npath = ${path} [b]\npath = ${path} [c]");
        Assert.Equal(["a", "b", "c"], config.GetStringList("path"));
    }

    [Fact]
    public void Self_reference_extends_a_string()
    {
        var config = Parse("bar = foo\nbar = ${bar}bar\nbar = ${bar}baz");
        Assert.Equal("foobarbaz", config.GetString("bar"));
    }

    [Fact]
    public void Self_reference_to_a_missing_optional_value_is_empty()
    {
        var config = Parse("a = ${?a}foo");
        Assert.Equal("foo", config.GetString("a"));
    }

    [Fact]
    public void Self_reference_inside_a_nested_object_sees_the_earlier_definition()
    {
        var config = Parse("foo { a = 1 }\nfoo { a = ${foo.a}0 }");
        Assert.Equal(10, config.GetInt("foo.a"));
    }

    [Fact]
    public void Plus_equals_appends_and_creates_the_array_when_missing()
    {
        var config = Parse("roles += peer\nroles += coordinator\nx = [1]\nx += 2");
        Assert.Equal(["peer", "coordinator"], config.GetStringList("roles"));
        Assert.Equal(["1", "2"], config.GetStringList("x"));
    }

    [Fact]
    public void Substitution_sees_the_final_value_not_the_one_at_its_position()
    {
        var config = Parse("a = 1\nb = ${a}\na = 2");
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Object_merges_with_a_substituted_object()
    {
        var config = Parse("base { x = 1, y = 2 }\nderived = ${base}\nderived { y = 3, z = 4 }");
        Assert.Equal(1, config.GetInt("derived.x"));
        Assert.Equal(3, config.GetInt("derived.y"));
        Assert.Equal(4, config.GetInt("derived.z"));
    }

    [Fact]
    public void Later_layers_can_refer_to_and_override_earlier_ones()
    {
        var config = new ConfigBuilder()
            .AddText("p2c2r { port = 8765, url = \"tcp://localhost:\"${p2c2r.port} }", "defaults")
            .AddText("p2c2r.port = 9001", "override")
            .WithEnvironment(_ => null)
            .Build();
        Assert.Equal("tcp://localhost:9001", config.GetString("p2c2r.url"));
    }
}
