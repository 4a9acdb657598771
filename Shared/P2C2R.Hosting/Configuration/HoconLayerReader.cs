using System.Text.RegularExpressions;
using Akka.Configuration;

namespace P2C2R.Hosting.Configuration;

/// <summary>
/// Reads the structure of one layer without building values: which paths it assigns, where its
/// substitutions are and what they refer to. Malformed HOCON (a key without a value, an unclosed
/// brace, a stray character) is an error naming the file and line, which Akka's parser does not give.
/// </summary>
internal sealed partial class HoconLayerReader
{
    private readonly ConfigLayer _layer;
    private readonly int _layerIndex;
    private readonly List<HoconToken> _tokens;
    private int _index;

    private HoconLayerReader(ConfigLayer layer, int layerIndex)
    {
        _layer = layer;
        _layerIndex = layerIndex;
        _tokens = HoconScanner.Scan(layer);
    }

    public List<HoconField> Fields { get; } = [];

    public List<HoconSubstitution> Substitutions { get; } = [];

    /// <summary>Spans to blank whatever is decided later: the braces around a layer's root object.</summary>
    public List<(int Start, int End)> RootBraces { get; } = [];

    public static HoconLayerReader Read(ConfigLayer layer, int layerIndex)
    {
        var reader = new HoconLayerReader(layer, layerIndex);
        reader.ReadRoot();
        return reader;
    }

    /// <summary>An upper-case name such as <c>P2C2R_COORDINATOR_PORT</c> refers to the environment.</summary>
    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex EnvironmentName();

    private HoconToken Current => _tokens[_index];

    private readonly record struct Scope(IReadOnlyList<string> Prefix, HoconField? ArrayOwner);

    private void ReadRoot()
    {
        SkipBlankLines();
        if (Current.Kind != HoconTokenKind.OpenBrace)
        {
            ReadFields(new Scope([], null), open: null);
            return;
        }

        var open = Current;
        RootBraces.Add((open.Start, open.End));
        _index++;
        ReadFields(new Scope([], null), open);
        RootBraces.Add((Current.Start, Current.End));
        _index++;
        SkipBlankLines();
        if (Current.Kind != HoconTokenKind.End)
        {
            throw Error(Current, "unexpected content after the root object");
        }
    }

    /// <summary>Fields up to the brace closing <paramref name="open"/> (left current) or the end of the layer.</summary>
    private void ReadFields(Scope scope, HoconToken? open)
    {
        while (true)
        {
            SkipBlankLines();
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.End when open is { } brace:
                    throw Error(brace, "'{' is never closed");
                case HoconTokenKind.End:
                    return;
                case HoconTokenKind.CloseBrace when open is null:
                    throw Error(token, "unexpected '}'");
                case HoconTokenKind.CloseBrace:
                    return;
            }

            ReadField(scope);
            SkipBlank();
            switch (Current.Kind)
            {
                case HoconTokenKind.Comma or HoconTokenKind.Newline:
                    _index++;
                    break;
                case HoconTokenKind.End or HoconTokenKind.CloseBrace:
                    break;
                default:
                    throw Error(Current, $"expected a new line or ',' after a value, found {Describe(Current)}");
            }
        }
    }

    private void ReadField(Scope scope)
    {
        var keyStart = Current;
        if (keyStart.Kind == HoconTokenKind.Unquoted && Text(keyStart) == "include")
        {
            throw Error(keyStart, "'include' is not supported: layer another file with --config");
        }

        var keyEnd = -1;
        while (Current.Kind is HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.Whitespace)
        {
            if (Current.Kind != HoconTokenKind.Whitespace)
            {
                keyEnd = Current.End;
            }

            _index++;
        }

        if (keyEnd < 0)
        {
            throw Error(keyStart, $"expected a key, found {Describe(keyStart)}");
        }

        var keyText = _layer.Text[keyStart.Start..keyEnd];
        var segments = HoconText.ParsePath(keyText, out var pathError) ?? throw Error(keyStart, $"invalid key: {pathError}");
        var path = scope.Prefix.Concat(segments).ToList();
        var field = new HoconField(HoconText.Canonical(path), _layerIndex, keyStart);
        if (scope.ArrayOwner is null)
        {
            Fields.Add(field);
        }

        var separator = Current;
        switch (separator.Kind)
        {
            case HoconTokenKind.OpenBrace:
                _index++;
                ReadFields(new Scope(path, scope.ArrayOwner), separator);
                _index++;
                return;
            case HoconTokenKind.Separator:
                _index++;
                SkipBlankLines();
                ReadValue(new Scope(path, scope.ArrayOwner), scope.ArrayOwner ?? field, removalStart: keyStart.Start, field);
                return;
            case HoconTokenKind.PlusEquals:
                throw Error(separator, "'+=' is not supported (Akka's HOCON parser drops the earlier elements): write the whole list");
            default:
                throw Error(keyStart, $"expected '=', ':' or '{{' after the key '{keyText}', found {Describe(separator)}");
        }
    }

    /// <summary>
    /// A value: one item or a concatenation of items on one line. <paramref name="field"/> is the field
    /// this value is the whole of (null for an array element); <paramref name="removalStart"/> is where
    /// that field or element begins, for removing it when its only item is an undefined optional substitution.
    /// </summary>
    private void ReadValue(Scope scope, HoconField owner, int removalStart, HoconField? field)
    {
        var items = 0;
        var substitutionsBefore = Substitutions.Count;
        HoconSubstitution? last = null;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    _index++;
                    continue;
                case HoconTokenKind.Quoted or HoconTokenKind.Unquoted:
                    items++;
                    last = null;
                    _index++;
                    continue;
                case HoconTokenKind.Substitution:
                    items++;
                    last = ReadSubstitution(token, owner);
                    Substitutions.Add(last);
                    _index++;
                    continue;
                case HoconTokenKind.OpenBrace:
                    items++;
                    last = null;
                    _index++;
                    ReadFields(scope, token);
                    _index++;
                    continue;
                case HoconTokenKind.OpenBracket:
                    items++;
                    last = null;
                    _index++;
                    ReadArray(owner, token);
                    continue;
            }

            break;
        }

        if (items == 0)
        {
            throw Error(Current, $"missing value before {Describe(Current)}");
        }

        if (Current.Kind is HoconTokenKind.Separator or HoconTokenKind.PlusEquals)
        {
            throw Error(Current, $"unexpected '{Text(Current)}' in a value (a missing new line, or text to quote?)");
        }

        if (field is not null)
        {
            field.HasSubstitution = Substitutions.Count > substitutionsBefore;
        }

        if (items == 1 && last is not null)
        {
            if (field is not null)
            {
                field.SoleSubstitution = last;
            }

            last.Removal = (removalStart, field is null ? EndOfElement(last.Token.End) : last.Token.End);
        }
    }

    private void ReadArray(HoconField owner, HoconToken open)
    {
        while (true)
        {
            SkipBlankLines();
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBracket:
                    _index++;
                    return;
                case HoconTokenKind.End:
                    throw Error(open, "'[' is never closed");
                case HoconTokenKind.Comma or HoconTokenKind.CloseBrace:
                    throw Error(token, $"unexpected {Describe(token)} in a list");
            }

            ReadValue(new Scope([], owner), owner, removalStart: token.Start, field: null);
            SkipBlank();
            switch (Current.Kind)
            {
                case HoconTokenKind.Comma or HoconTokenKind.Newline:
                    _index++;
                    break;
                case HoconTokenKind.CloseBracket:
                    break;
                case HoconTokenKind.End:
                    throw Error(open, "'[' is never closed");
                default:
                    throw Error(Current, $"expected ',' or ']' in a list, found {Describe(Current)}");
            }
        }
    }

    private HoconSubstitution ReadSubstitution(HoconToken token, HoconField owner)
    {
        var text = Text(token);
        var optional = text.Length > 2 && text[2] == '?';
        var inside = text[(optional ? 3 : 2)..^1];
        if (EnvironmentName().IsMatch(inside.Trim()))
        {
            return new HoconSubstitution(_layerIndex, token, optional, inside.Trim(), null, owner);
        }

        var path = HoconText.ParsePath(inside, out var error) ?? throw Error(token, $"invalid substitution {text}: {error}");
        return new HoconSubstitution(_layerIndex, token, optional, null, HoconText.Canonical(path), owner);
    }

    /// <summary>The end of an array element, with the comma after it, so removing it leaves no empty element.</summary>
    private int EndOfElement(int elementEnd)
    {
        var next = _index;
        while (_tokens[next].IsBlank)
        {
            next++;
        }

        return _tokens[next].Kind == HoconTokenKind.Comma ? _tokens[next].End : elementEnd;
    }

    private void SkipBlank()
    {
        while (Current.IsBlank)
        {
            _index++;
        }
    }

    private void SkipBlankLines()
    {
        while (Current.IsBlank || Current.Kind == HoconTokenKind.Newline)
        {
            _index++;
        }
    }

    private string Text(HoconToken token) => _layer.Text.Substring(token.Start, token.Length);

    private string Describe(HoconToken token) => token.Kind switch
    {
        HoconTokenKind.End => "the end of the file",
        HoconTokenKind.Newline => "the end of the line",
        _ => $"'{Text(token)}'",
    };

    private ConfigurationException Error(HoconToken token, string message) =>
        HoconScanner.Error(_layer, token.Line, token.Column, message);
}
