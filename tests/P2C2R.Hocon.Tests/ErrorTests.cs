using P2C2R.Hocon;

namespace P2C2R.Hocon.Tests;

/// <summary>Malformed documents fail with the exact file, line and column.</summary>
public sealed class ErrorTests
{
    private static HoconParseException Fails(string text) =>
        Assert.Throws<HoconParseException>(() => new ConfigBuilder().AddText(text, "t.conf").WithEnvironment(_ => null).Build());

    [Fact]
    public void Unterminated_string_points_at_the_opening_quote()
    {
        var error = Fails("a = 1\nb = \"never closed\nc = 3");
        Assert.Equal(("unterminated string", 2, 5), (error.Reason, error.Line, error.Column));
        Assert.Equal("t.conf:2:5: unterminated string", error.Message);
    }

    [Fact]
    public void Unknown_substitution_points_at_the_substitution()
    {
        var error = Fails("a {\n  b = foo ${missing.key}\n}");
        Assert.Equal((2, 11), (error.Line, error.Column));
        Assert.Equal("unknown substitution ${missing.key}: no such key and no environment variable", error.Reason);
    }

    [Fact]
    public void Substitution_cycle_is_reported()
    {
        var error = Fails("a = ${b}\nb = ${c}\nc = ${a}");
        Assert.Contains("substitution cycle", error.Reason);
        Assert.Equal("t.conf", error.File);
    }

    [Fact]
    public void Unterminated_object_points_at_its_brace()
    {
        var error = Fails("x = 1\nfoo {\n  bar = 1\n");
        Assert.Equal(("unterminated object: expected '}'", 2, 5), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Unterminated_array_points_at_its_bracket()
    {
        var error = Fails("a = [1, 2");
        Assert.Equal(("unterminated array: expected ']'", 1, 5), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Missing_separator_names_the_key()
    {
        var error = Fails("\n\n   port 8765");
        Assert.Equal(3, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Equal("expected '=', ':' or '{' after key 'port 8765', found end of input", error.Reason);
    }

    [Fact]
    public void Forbidden_character_in_a_value()
    {
        var error = Fails("a = b@c");
        Assert.Equal(("unexpected '@' in a value", 1, 6), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Invalid_escape()
    {
        var error = Fails("a = \"x\\qy\"");
        Assert.Equal(("invalid escape '\\q'", 1, 7), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Root_array_is_refused()
    {
        var error = Fails("  [1, 2]");
        Assert.Equal(("the root of a document must be an object, not an array", 1, 3), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Concatenating_an_object_with_a_string_is_refused()
    {
        var error = Fails("a = { x = 1 } foo");
        Assert.StartsWith("cannot concatenate", error.Reason);
        Assert.Equal((1, 5), (error.Line, error.Column));
    }
}
