using Akka.Configuration;

namespace P2C2R.Hosting.Configuration;

/// <summary>
/// Splits one layer into tokens. Akka's HOCON parser accepts an unterminated string or an unclosed
/// brace silently (and drops what follows), so the layers are scanned here first: a mistake becomes
/// an error naming the file, line and column before anything is parsed.
/// </summary>
internal sealed class HoconScanner(ConfigLayer layer)
{
    private const string Forbidden = "`^?!@*&\\";

    private readonly string _text = layer.Text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public static List<HoconToken> Scan(ConfigLayer layer) => new HoconScanner(layer).ScanAll();

    public static ConfigurationException Error(ConfigLayer layer, int line, int column, string message) =>
        new($"{layer.Source}:{line}:{column}: {message}");

    private List<HoconToken> ScanAll()
    {
        var tokens = new List<HoconToken>();
        while (_position < _text.Length)
        {
            tokens.Add(Next());
        }

        tokens.Add(new HoconToken(HoconTokenKind.End, _text.Length, 0, _line, _position - _lineStart + 1));
        return tokens;
    }

    private HoconToken Next()
    {
        var start = _position;
        var line = _line;
        var column = start - _lineStart + 1;
        var c = _text[start];
        HoconTokenKind kind;
        switch (c)
        {
            case '\n':
                _position++;
                _line++;
                _lineStart = _position;
                return new HoconToken(HoconTokenKind.Newline, start, 1, line, column);
            case '#':
                kind = HoconTokenKind.Comment;
                SkipToEndOfLine();
                break;
            case '/' when Peek(1) == '/':
                kind = HoconTokenKind.Comment;
                SkipToEndOfLine();
                break;
            case '{': kind = HoconTokenKind.OpenBrace; _position++; break;
            case '}': kind = HoconTokenKind.CloseBrace; _position++; break;
            case '[': kind = HoconTokenKind.OpenBracket; _position++; break;
            case ']': kind = HoconTokenKind.CloseBracket; _position++; break;
            case ',': kind = HoconTokenKind.Comma; _position++; break;
            case '=' or ':': kind = HoconTokenKind.Separator; _position++; break;
            case '+' when Peek(1) == '=': kind = HoconTokenKind.PlusEquals; _position += 2; break;
            case '"' when Peek(1) == '"' && Peek(2) == '"':
                kind = HoconTokenKind.Quoted;
                ScanTripleQuoted(line, column);
                break;
            case '"':
                kind = HoconTokenKind.Quoted;
                ScanQuoted(line, column);
                break;
            case '$' when Peek(1) == '{':
                kind = HoconTokenKind.Substitution;
                ScanSubstitution(line, column);
                break;
            case '$' or '+':
                throw Error(layer, line, column, $"'{c}' must be quoted");
            default:
                if (IsWhitespace(c))
                {
                    kind = HoconTokenKind.Whitespace;
                    while (_position < _text.Length && IsWhitespace(_text[_position]))
                    {
                        _position++;
                    }
                }
                else
                {
                    kind = HoconTokenKind.Unquoted;
                    ScanUnquoted(line);
                }

                break;
        }

        return new HoconToken(kind, start, _position - start, line, column);
    }

    private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\ufeff');

    private void SkipToEndOfLine()
    {
        while (_position < _text.Length && _text[_position] != '\n')
        {
            _position++;
        }
    }

    private void ScanQuoted(int line, int column)
    {
        var end = HoconText.ClosingQuote(_text, _position);
        var newline = _text.IndexOf('\n', _position);
        if (end < 0 || (newline >= 0 && newline < end))
        {
            throw Error(layer, line, column, "unterminated string (a quoted string ends on the line it starts; use \"\"\" for several lines)");
        }

        if (HoconText.Unescape(_text.AsSpan(_position + 1, end - _position - 1)) is null)
        {
            throw Error(layer, line, column, "invalid escape sequence in a quoted string");
        }

        _position = end + 1;
    }

    private void ScanTripleQuoted(int line, int column)
    {
        var end = _text.IndexOf("\"\"\"", _position + 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(layer, line, column, "unterminated \"\"\" string");
        }

        end += 3;
        while (end < _text.Length && _text[end] == '"')
        {
            end++;
        }

        CountLines(_position, end);
        _position = end;
    }

    private void ScanSubstitution(int line, int column)
    {
        for (var i = _position + 2; i < _text.Length && _text[i] != '\n'; i++)
        {
            if (_text[i] == '"')
            {
                i = HoconText.ClosingQuote(_text, i);
                if (i < 0)
                {
                    break;
                }
            }
            else if (_text[i] == '}')
            {
                _position = i + 1;
                return;
            }
        }

        throw Error(layer, line, column, "unterminated substitution: '${' without '}' on the same line");
    }

    private void ScanUnquoted(int line)
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (IsWhitespace(c) || c is '\n' or '"' or '{' or '}' or '[' or ']' or ',' or '=' or ':' or '#' or '$' or '+'
                || (c == '/' && Peek(1) == '/'))
            {
                return;
            }

            if (Forbidden.Contains(c))
            {
                throw Error(layer, line, _position - _lineStart + 1, $"'{c}' must be quoted");
            }

            _position++;
        }
    }

    private void CountLines(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }
    }
}
