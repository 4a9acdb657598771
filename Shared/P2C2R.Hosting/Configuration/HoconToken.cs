namespace P2C2R.Hosting.Configuration;

/// <summary>The lexical kinds of HOCON that the layer check needs to tell apart.</summary>
internal enum HoconTokenKind
{
    Whitespace,
    Newline,
    Comment,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Separator,
    PlusEquals,
    Quoted,
    Unquoted,
    Substitution,
    End,
}

/// <summary>
/// One token of a configuration layer, with where it starts in the layer's text, so that an error
/// names the line and column and an edit can replace exactly this span.
/// </summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, int Start, int Length, int Line, int Column)
{
    public int End => Start + Length;

    public bool IsBlank => Kind is HoconTokenKind.Whitespace or HoconTokenKind.Comment;
}
