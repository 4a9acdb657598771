using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace P2C2R.Hosting.Configuration;

/// <summary>
/// Writing and reading the small pieces of HOCON the layers need: quoted strings (a value from the
/// environment or the command line is always a string, never HOCON to interpret) and paths.
/// </summary>
internal static class HoconText
{
    /// <summary>The separator of path segments in a canonical path: a dot may occur inside a quoted segment.</summary>
    public const char CanonicalSeparator = '\u001f';

    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A dotted path (<c>p2c2r.coordinator.port</c>) as HOCON with every segment quoted.</summary>
    public static string Path(string dottedPath, string source)
    {
        var segments = dottedPath.Split('.');
        if (segments.Any(segment => segment.Length == 0))
        {
            throw new ConfigurationException($"{source}: '{dottedPath}' is not a configuration path");
        }

        return string.Join('.', segments.Select(Quote));
    }

    /// <summary>
    /// The segments of a path expression (a key or the inside of <c>${...}</c>): unquoted parts split
    /// at dots, quoted parts taken whole. Returns null with <paramref name="error"/> when malformed.
    /// </summary>
    public static List<string>? ParsePath(string expression, out string? error)
    {
        error = null;
        var segments = new List<string>();
        var current = new StringBuilder();
        var text = expression.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (current.Length == 0)
                {
                    error = $"'{expression.Trim()}' has an empty path segment";
                    return null;
                }

                segments.Add(current.ToString());
                current.Clear();
            }
            else if (c == '"')
            {
                var end = ClosingQuote(text, i);
                if (end < 0 || Unescape(text.AsSpan(i + 1, end - i - 1)) is not { } unquoted)
                {
                    error = $"'{expression.Trim()}' has a malformed quoted segment";
                    return null;
                }

                current.Append(unquoted);
                i = end;
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length == 0)
        {
            error = text.Length == 0 ? "empty path" : $"'{expression.Trim()}' has an empty path segment";
            return null;
        }

        segments.Add(current.ToString());
        return segments;
    }

    public static string Canonical(IEnumerable<string> segments) => string.Join(CanonicalSeparator, segments);

    public static string Display(string canonicalPath) => canonicalPath.Replace(CanonicalSeparator, '.');

    /// <summary>Whether one canonical path is the other or lies under it.</summary>
    public static bool Overlaps(string a, string b) => a == b || IsUnder(a, b) || IsUnder(b, a);

    public static bool IsUnder(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == CanonicalSeparator;

    /// <summary>The index of the quote closing the string opened at <paramref name="open"/>, or -1.</summary>
    public static int ClosingQuote(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The content of a JSON-style quoted string without its quotes, or null for a bad escape.</summary>
    public static string? Unescape(ReadOnlySpan<char> content)
    {
        var text = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '\\')
            {
                text.Append(content[i]);
                continue;
            }

            if (++i >= content.Length)
            {
                return null;
            }

            switch (content[i])
            {
                case '"' or '\\' or '/': text.Append(content[i]); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u' when i + 4 < content.Length && ushort.TryParse(content.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: return null;
            }
        }

        return text.ToString();
    }
}
