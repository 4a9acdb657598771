using P2C2R.Hocon;

namespace P2C2R.Hocon.Tests;

/// <summary>The syntax examples of the HOCON specification, one feature per test.</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void Json_is_valid_hocon()
    {
        var config = Config.Parse("""{ "foo" : { "bar" : 10, "baz" : 12 } }""");
        Assert.Equal(10, config.GetInt("foo.bar"));
        Assert.Equal(12, config.GetInt("foo.baz"));
    }

    [Fact]
    public void Root_braces_commas_and_quotes_are_optional()
    {
        var config = Config.Parse("""
            foo {
              bar = 10
              baz : 12
            }
            """);
        Assert.Equal(10, config.GetInt("foo.bar"));
        Assert.Equal(12, config.GetInt("foo.baz"));
    }

    [Fact]
    public void Comments_with_hash_and_double_slash_are_ignored()
    {
        var config = Config.Parse("""
            # a comment
            a = 1 // trailing comment
            // another
            b = "x // not a comment" # but this is
            c = http-ish/path
            """);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("x // not a comment", config.GetString("b"));
        Assert.Equal("http-ish/path", config.GetString("c"));
    }

    [Fact]
    public void Dotted_keys_expand_to_nested_objects()
    {
        var config = Config.Parse("foo.bar.baz = 42\n\"a.b\".c = 1");
        Assert.Equal(42, config.GetInt("foo.bar.baz"));
        Assert.Equal(1, config.GetInt("\"a.b\".c"));
        Assert.Equal(["foo", "a.b"], config.Keys);
    }

    [Fact]
    public void Duplicate_object_keys_merge_and_later_scalars_win()
    {
        var config = Config.Parse("""
            foo { a = 42, c = 5 }
            foo { b = 43, c = 6 }
            bar = { x = 1 }
            bar = 7
            """);
        Assert.Equal(42, config.GetInt("foo.a"));
        Assert.Equal(43, config.GetInt("foo.b"));
        Assert.Equal(6, config.GetInt("foo.c"));
        Assert.Equal(7, config.GetInt("bar"));
    }

    [Fact]
    public void Nested_objects_merge_through_dotted_keys()
    {
        var config = Config.Parse("a { b { c = 1 } }\na.b.d = 2\na.e = 3");
        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(3, config.GetInt("a.e"));
    }

    [Fact]
    public void Null_replaces_an_object_and_hides_the_path()
    {
        var config = Config.Parse("a { b = 1 }\na = null");
        Assert.False(config.HasPath("a"));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void Arrays_separate_by_commas_or_newlines_and_allow_trailing_commas()
    {
        var config = Config.Parse("""
            a = [1, 2, 3,]
            b = [
              "x"
              y
              z,
            ]
            """);
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(["x", "y", "z"], config.GetStringList("b"));
    }

    [Fact]
    public void Quoted_strings_support_json_escapes()
    {
        var config = Config.Parse("""a = "tab\there \"q\" \\ \u0041 \/" """);
        Assert.Equal("tab\there \"q\" \\ A /", config.GetString("a"));
    }

    [Fact]
    public void Unquoted_strings_keep_inner_whitespace()
    {
        var config = Config.Parse("a = hello   world   \nb = foo bar \"baz\" 1.0");
        Assert.Equal("hello   world", config.GetString("a"));
        Assert.Equal("foo bar baz 1.0", config.GetString("b"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var config = Config.Parse("a = \"\"\"line one\n  \\n \"quoted\" line two\"\"\"\nb = \"\"\"x\"\"\"\"\"");
        Assert.Equal("line one\n  \\n \"quoted\" line two", config.GetString("a"));
        Assert.Equal("x\"\"", config.GetString("b"));
    }

    [Fact]
    public void Keys_may_be_separated_from_object_values_by_nothing()
    {
        var config = Config.Parse("a { b : 1 }\nc = { d = 2 }\ne : { f : 3 }");
        Assert.Equal(1, config.GetInt("a.b"));
        Assert.Equal(2, config.GetInt("c.d"));
        Assert.Equal(3, config.GetInt("e.f"));
    }

    [Fact]
    public void Array_and_object_concatenation()
    {
        var config = Config.Parse("a = [1, 2] [3]\nb = { x = 1 } { y = 2 }");
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(1, config.GetInt("b.x"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_accept_the_spec_spellings(string text, bool expected) =>
        Assert.Equal(expected, Config.Parse($"a = {text}").GetBoolean("a"));

    [Fact]
    public void Numbers_convert_on_read()
    {
        var config = Config.Parse("i = -17\nl = 9000000000\nd = 1.5e3\nw = 10.0");
        Assert.Equal(-17, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(1500.0, config.GetDouble("d"));
        Assert.Equal(10, config.GetInt("w"));
    }

    [Fact]
    public void Getters_fall_back_only_when_the_path_is_absent()
    {
        var config = Config.Parse("a = 1");
        Assert.Equal(5, config.GetInt("missing", 5));
        Assert.Equal(1, config.GetInt("a", 5));
        Assert.Equal("x", config.GetString("b.c", "x"));
    }

    [Fact]
    public void GetConfig_returns_a_subtree_and_empty_for_a_missing_path()
    {
        var config = Config.Parse("p2c2r.actor { throughput = 5 }");
        Assert.Equal(5, config.GetConfig("p2c2r.actor").GetInt("throughput"));
        Assert.True(config.GetConfig("nope").IsEmpty);
    }

    [Fact]
    public void WithFallback_merges_objects_and_prefers_the_receiver()
    {
        var app = Config.Parse("a { x = 1 }\nb = 2");
        var defaults = Config.Parse("a { x = 0, y = 9 }\nb = 0\nc = 3");
        var merged = app.WithFallback(defaults);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(9, merged.GetInt("a.y"));
        Assert.Equal(2, merged.GetInt("b"));
        Assert.Equal(3, merged.GetInt("c"));
    }

    [Fact]
    public void Type_mismatch_names_the_path_and_the_position()
    {
        var config = Config.Parse("\n  port = eighty", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetInt("port"));
        Assert.Equal("port (node.conf:2:10): expected a whole number, got 'eighty'", error.Message);
    }

    [Fact]
    public void Missing_required_value_is_a_clear_error()
    {
        var error = Assert.Throws<ConfigException>(() => Config.Parse("a = 1").GetString("b.c"));
        Assert.Equal("no configuration value at 'b.c'", error.Message);
    }
}
