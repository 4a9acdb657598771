namespace P2C2R.Hocon.Tree;

/// <summary>Where a node was written, for error messages that point at the source.</summary>
internal readonly record struct SourcePosition(string File, int Line, int Column)
{
    public HoconParseException Error(string reason) => new(reason, File, Line, Column);
}
