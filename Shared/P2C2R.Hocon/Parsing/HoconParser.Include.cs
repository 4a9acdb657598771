using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon.Parsing;

internal sealed partial class HoconParser
{
    private bool AtInclude()
    {
        if (string.CompareOrdinal(_text, _pos, "include", 0, 7) != 0)
        {
            return false;
        }

        var i = _pos + 7;
        if (i >= _text.Length || _text[i] is not (' ' or '\t'))
        {
            return false;
        }

        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < _text.Length && (_text[i] == '"' ||
            string.CompareOrdinal(_text, i, "file(", 0, 5) == 0 ||
            string.CompareOrdinal(_text, i, "required(", 0, 9) == 0 ||
            string.CompareOrdinal(_text, i, "classpath(", 0, 10) == 0 ||
            string.CompareOrdinal(_text, i, "url(", 0, 4) == 0);
    }

    /// <summary>
    /// <c>include "f"</c>, <c>include file("f")</c> and <c>include required(...)</c>: the file is
    /// read relative to the including file and its fields land where the include stands.
    /// </summary>
    private void ParseInclude(ObjectNode target, string[] basePath)
    {
        var at = Position;
        for (var i = 0; i < 7; i++)
        {
            Advance();
        }

        SkipInlineWhitespace();
        var required = TryConsume("required(");
        SkipInlineWhitespace();
        if (TryConsume("classpath(") || TryConsume("url("))
        {
            throw at.Error("only file includes are supported: use include \"name.conf\" or include file(\"name.conf\")");
        }

        var wrapped = TryConsume("file(");
        SkipInlineWhitespace();
        if (Eof || Peek != '"')
        {
            throw Error("include expects a quoted file name");
        }

        var name = ReadQuotedString();
        SkipInlineWhitespace();
        if (wrapped && !TryConsume(")"))
        {
            throw Error("expected ')' after the included file name");
        }

        SkipInlineWhitespace();
        if (required && !TryConsume(")"))
        {
            throw Error("expected ')' to close required(");
        }

        var directory = File.Exists(_file) ? Path.GetDirectoryName(Path.GetFullPath(_file))! : Directory.GetCurrentDirectory();
        var fullPath = Path.GetFullPath(Path.Combine(directory, name));
        if (_session.IncludeChain.Contains(fullPath, StringComparer.Ordinal))
        {
            var chain = string.Join(" -> ", _session.IncludeChain.Append(fullPath).Select(Path.GetFileName));
            throw at.Error($"include cycle: {chain}");
        }

        if (!File.Exists(fullPath))
        {
            if (required)
            {
                throw at.Error($"required include not found: {name}");
            }

            return;
        }

        _session.IncludeChain.Add(fullPath);
        try
        {
            new HoconParser(File.ReadAllText(fullPath), fullPath, _session, basePath).ParseDocument(target, basePath);
        }
        finally
        {
            _session.IncludeChain.RemoveAt(_session.IncludeChain.Count - 1);
        }
    }

    private bool TryConsume(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            return false;
        }

        for (var i = 0; i < literal.Length; i++)
        {
            Advance();
        }

        return true;
    }
}
