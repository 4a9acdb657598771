using P2C2R.Hocon;

namespace P2C2R.Hocon.Tests;

/// <summary>File includes: relative paths, nesting, required files and cycles.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("p2c2r-hocon-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Include_merges_fields_where_it_stands_and_later_fields_override()
    {
        Write("base.conf", "a = 1\nb = 2\nnested { x = 1 }");
        var main = Write("main.conf", "include \"base.conf\"\nb = 3\nnested { y = 2 }");
        var config = Config.ParseFile(main);
        Assert.Equal((1, 3, 1, 2), (config.GetInt("a"), config.GetInt("b"), config.GetInt("nested.x"), config.GetInt("nested.y")));
    }

    [Fact]
    public void Include_inside_an_object_nests_the_included_fields()
    {
        Write("conf/db.conf", "host = localhost\nurl = \"db://\"${host}");
        var main = Write("main.conf", "database { include file(\"conf/db.conf\") }");
        var config = Config.ParseFile(main);
        Assert.Equal("localhost", config.GetString("database.host"));
        Assert.Equal("db://localhost", config.GetString("database.url"));
    }

    [Fact]
    public void Missing_include_is_ignored_but_a_required_one_is_an_error()
    {
        Assert.Equal(1, Config.ParseFile(Write("ok.conf", "include \"nope.conf\"\na = 1")).GetInt("a"));
        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(Write("bad.conf", "a = 1\n  include required(\"nope.conf\")")));
        Assert.Equal(("required include not found: nope.conf", 2, 3), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Include_cycle_is_reported_at_the_include_that_closes_it()
    {
        Write("a.conf", "x = 1\ninclude \"b.conf\"");
        Write("b.conf", "y = 2\n\n    include \"a.conf\"");
        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(Path.Combine(_directory, "a.conf")));
        Assert.Equal("include cycle: a.conf -> b.conf -> a.conf", error.Reason);
        Assert.Equal((Path.Combine(_directory, "b.conf"), 3, 5), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void A_key_named_include_is_still_a_key()
    {
        Assert.True(Config.Parse("include = yes").GetBoolean("include"));
    }
}
