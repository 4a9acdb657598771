namespace P2C2R.Hocon.Tree;

/// <summary>
/// A path below a value that is not yet known (a concatenation or substitution), captured by a
/// self-reference; the resolver walks <see cref="Rest"/> once <see cref="Base"/> is resolved.
/// </summary>
internal sealed class PathNode(SourcePosition position, HoconNode @base, string[] rest) : HoconNode(position)
{
    public HoconNode Base { get; } = @base;
    public string[] Rest { get; } = rest;
    public override bool IsResolved => false;
}
