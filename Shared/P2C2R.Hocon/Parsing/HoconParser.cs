using System.Globalization;
using System.Text;
using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser for one HOCON source, working on characters rather than tokens
/// because whitespace between values is significant (it is kept when strings concatenate).
/// Fields are merged into the session's tree as they are read; substitutions are left for
/// <see cref="HoconResolver"/>, except self-references, which must see the earlier value and
/// are therefore replaced by a snapshot of it right here.
/// </summary>
internal sealed partial class HoconParser
{
    private const string ForbiddenUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private readonly ParseSession _session;
    private readonly string[]? _includePrefix;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public HoconParser(string text, string file, ParseSession session, string[]? includePrefix = null)
    {
        _text = text;
        _file = file;
        _session = session;
        _includePrefix = includePrefix is { Length: > 0 } ? includePrefix : null;
    }

    private bool Eof => _pos >= _text.Length;
    private char Peek => _text[_pos];
    private SourcePosition Position => new(_file, _line, _column);

    /// <summary>Parses a path expression such as <c>a."b.c".d</c> into its segments.</summary>
    public static string[] ParsePath(string path)
    {
        var parser = new HoconParser(path, "<path>", new ParseSession());
        var segments = parser.ParseKey();
        parser.SkipInlineWhitespace();
        if (!parser.Eof)
        {
            throw parser.Error($"unexpected '{parser.Peek}' in path '{path}'");
        }

        return segments;
    }

    /// <summary>Parses a whole document (braced or not) into <paramref name="target"/>.</summary>
    public void ParseDocument(ObjectNode target, string[] basePath)
    {
        SkipWhitespaceAndComments();
        if (!Eof && Peek == '[')
        {
            throw Error("the root of a document must be an object, not an array");
        }

        if (!Eof && Peek == '{')
        {
            var open = Position;
            Advance();
            ParseFields(target, basePath, braced: true, open);
            SkipWhitespaceAndComments();
            if (!Eof)
            {
                throw Error($"unexpected '{Peek}' after the root object");
            }

            return;
        }

        ParseFields(target, basePath, braced: false, Position);
    }

    private void ParseFields(ObjectNode target, string[] basePath, bool braced, SourcePosition open)
    {
        var opened = !ReferenceEquals(target, _session.Root) &&
                     (_session.OpenObjects.Count == 0 || !ReferenceEquals(_session.OpenObjects[^1].Node, target));
        if (opened)
        {
            _session.OpenObjects.Add((basePath, target));
        }

        try
        {
            while (true)
            {
                SkipWhitespaceAndComments();
                if (Eof)
                {
                    if (braced)
                    {
                        throw open.Error("unterminated object: expected '}'");
                    }

                    return;
                }

                if (Peek == '}')
                {
                    if (!braced)
                    {
                        throw Error("unexpected '}' with no object open");
                    }

                    Advance();
                    return;
                }

                if (Peek == ',')
                {
                    throw Error("unexpected ',' where a field was expected");
                }

                if (AtInclude())
                {
                    ParseInclude(target, basePath);
                }
                else
                {
                    ParseField(target, basePath);
                }

                SkipInlineWhitespaceAndComment();
                if (Eof || Peek is '\n' or '}')
                {
                    continue;
                }

                if (Peek == ',')
                {
                    Advance();
                    continue;
                }

                throw Error($"expected ',' or a new line after a field, found '{Peek}'");
            }
        }
        finally
        {
            if (opened)
            {
                _session.OpenObjects.RemoveAt(_session.OpenObjects.Count - 1);
            }
        }
    }

    private void ParseField(ObjectNode target, string[] basePath)
    {
        var keyPosition = Position;
        var key = ParseKey();
        string[] fieldPath = [.. basePath, .. key];
        SkipInlineWhitespace();
        var append = false;
        if (Eof)
        {
            throw Error($"expected '=', ':' or '{{' after key '{string.Join('.', key)}', found end of input");
        }

        if (Peek is '=' or ':')
        {
            Advance();
        }
        else if (Peek == '+' && PeekAt(1) == '=')
        {
            Advance();
            Advance();
            append = true;
        }
        else if (Peek != '{')
        {
            throw Error($"expected '=', ':' or '{{' after key '{string.Join('.', key)}', found '{Peek}'");
        }

        SkipInlineWhitespace();
        var value = ParseValue(fieldPath);
        if (append)
        {
            value = new ConcatNode(value.Position,
            [
                new SubstitutionNode(keyPosition, fieldPath, optional: true),
                new ArrayNode(value.Position, [value]),
            ]);
        }

        value = ReplaceSelfReferences(value, fieldPath);
        for (var i = key.Length - 1; i >= 1; i--)
        {
            var wrapper = new ObjectNode(keyPosition);
            wrapper[key[i]] = value;
            value = wrapper;
        }

        TreeMerge.MergeField(target, key[0], value);
    }

    private HoconNode ParseValue(string[] fieldPath)
    {
        var start = Position;
        var parts = new List<HoconNode>();
        while (true)
        {
            var whitespaceStart = _pos;
            var whitespacePosition = Position;
            SkipInlineWhitespace();
            if (Eof || AtValueEnd())
            {
                break;
            }

            if (_pos > whitespaceStart && parts.Count > 0)
            {
                parts.Add(new ScalarNode(whitespacePosition, _text[whitespaceStart.._pos], ScalarKind.Whitespace));
            }

            var c = Peek;
            parts.Add(c switch
            {
                '{' => ParseObjectLiteral(fieldPath),
                '[' => ParseArray(fieldPath),
                '"' => ParseQuotedValue(),
                '$' when PeekAt(1) == '{' => ParseSubstitution(),
                _ when IsUnquoted(c) => ParseUnquotedValue(),
                _ => throw Error($"unexpected '{c}' in a value"),
            });
        }

        return parts.Count switch
        {
            0 => throw start.Error("expected a value"),
            1 => parts[0],
            _ => new ConcatNode(start, parts),
        };
    }

    private ObjectNode ParseObjectLiteral(string[] fieldPath)
    {
        var open = Position;
        Advance();
        var node = new ObjectNode(open);
        ParseFields(node, fieldPath, braced: true, open);
        return node;
    }

    private ArrayNode ParseArray(string[] fieldPath)
    {
        var open = Position;
        Advance();
        var items = new List<HoconNode>();
        while (true)
        {
            SkipWhitespaceAndComments();
            if (Eof)
            {
                throw open.Error("unterminated array: expected ']'");
            }

            if (Peek == ']')
            {
                Advance();
                return new ArrayNode(open, items);
            }

            if (Peek == ',')
            {
                throw Error("unexpected ',' where an array element was expected");
            }

            items.Add(ParseValue(fieldPath));
            SkipInlineWhitespaceAndComment();
            if (!Eof && Peek == ',')
            {
                Advance();
            }
            else if (!Eof && Peek is not ('\n' or ']'))
            {
                throw Error($"expected ',' or ']' in an array, found '{Peek}'");
            }
        }
    }

    private SubstitutionNode ParseSubstitution()
    {
        var start = Position;
        Advance();
        Advance();
        var optional = false;
        if (!Eof && Peek == '?')
        {
            optional = true;
            Advance();
        }

        SkipInlineWhitespace();
        var path = ParseKey();
        SkipInlineWhitespace();
        if (Eof || Peek != '}')
        {
            throw start.Error("unterminated substitution: expected '}'");
        }

        Advance();
        return new SubstitutionNode(start, path, optional) { RelativeTo = _includePrefix };
    }

    private ScalarNode ParseUnquotedValue()
    {
        var start = Position;
        var from = _pos;
        while (!Eof && IsUnquoted(Peek) && !AtComment())
        {
            Advance();
        }

        var text = _text[from.._pos];
        return new ScalarNode(start, text, text == "null" ? ScalarKind.Null : ScalarKind.Unquoted);
    }

    private ScalarNode ParseQuotedValue()
    {
        var start = Position;
        if (PeekAt(1) == '"' && PeekAt(2) == '"')
        {
            return new ScalarNode(start, ReadTripleQuoted(start), ScalarKind.String);
        }

        return new ScalarNode(start, ReadQuotedString(), ScalarKind.String);
    }

    private string ReadTripleQuoted(SourcePosition start)
    {
        Advance();
        Advance();
        Advance();
        var from = _pos;
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            throw start.Error("unterminated triple-quoted string");
        }

        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }

        while (_pos < end + 3)
        {
            Advance();
        }

        return _text[from..end];
    }

    private string ReadQuotedString()
    {
        var start = Position;
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (Eof || Peek == '\n')
            {
                throw start.Error("unterminated string");
            }

            var c = Peek;
            if (c == '"')
            {
                Advance();
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                Advance();
                continue;
            }

            var escape = Position;
            Advance();
            if (Eof)
            {
                throw start.Error("unterminated string");
            }

            var e = Peek;
            Advance();
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length ||
                        !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw escape.Error("invalid \\u escape: expected four hex digits");
                    }

                    builder.Append((char)code);
                    for (var i = 0; i < 4; i++)
                    {
                        Advance();
                    }

                    break;
                default:
                    throw escape.Error($"invalid escape '\\{e}'");
            }
        }
    }

    private string[] ParseKey()
    {
        var start = Position;
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        while (!Eof)
        {
            var c = Peek;
            if (c == '"')
            {
                if (PeekAt(1) == '"' && PeekAt(2) == '"')
                {
                    throw Error("triple-quoted strings cannot be keys");
                }

                current.Append(ReadQuotedString());
                hasContent = true;
            }
            else if (c == '.')
            {
                if (!hasContent)
                {
                    throw Error("empty path segment");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
                Advance();
            }
            else if (c is ' ' or '\t')
            {
                var from = _pos;
                var save = (_pos, _line, _column);
                SkipInlineWhitespace();
                if (hasContent && !Eof && (Peek == '"' || (IsUnquoted(Peek) && Peek != '.' && !AtComment())))
                {
                    current.Append(_text, from, _pos - from);
                    continue;
                }

                (_pos, _line, _column) = save;
                break;
            }
            else if (IsUnquoted(c) && !AtComment())
            {
                while (!Eof && IsUnquoted(Peek) && Peek != '.' && !AtComment())
                {
                    current.Append(Peek);
                    Advance();
                }

                hasContent = true;
            }
            else
            {
                break;
            }
        }

        if (!hasContent)
        {
            throw segments.Count == 0 ? start.Error("expected a key") : Error("empty path segment");
        }

        segments.Add(current.ToString());
        return [.. segments];
    }

    private bool AtValueEnd() => Peek is '\n' or ',' or '}' or ']' || AtComment();

    private bool AtComment() => Peek == '#' || (Peek == '/' && PeekAt(1) == '/');

    private static bool IsUnquoted(char c) => !char.IsWhiteSpace(c) && ForbiddenUnquoted.IndexOf(c) < 0;

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private void SkipInlineWhitespace()
    {
        while (!Eof && Peek != '\n' && (char.IsWhiteSpace(Peek) || Peek == '\uFEFF'))
        {
            Advance();
        }
    }

    private void SkipInlineWhitespaceAndComment()
    {
        SkipInlineWhitespace();
        if (!Eof && AtComment())
        {
            while (!Eof && Peek != '\n')
            {
                Advance();
            }
        }
    }

    private void SkipWhitespaceAndComments()
    {
        while (!Eof)
        {
            SkipInlineWhitespaceAndComment();
            if (Eof || Peek != '\n')
            {
                return;
            }

            Advance();
        }
    }

    private HoconParseException Error(string reason) => Position.Error(reason);
}
