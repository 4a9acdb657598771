namespace P2C2R.Actors;

/// <summary>
/// The location of an actor in its system's hierarchy, such as <c>p2c2r://game/user/session-1</c>.
/// Paths are built from parent links, so creating a child costs one small object.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(string address, ActorPath? parent, string name)
    {
        Address = address;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The system part, <c>p2c2r://name</c> for a local system.</summary>
    public string Address { get; }
    public ActorPath? Parent { get; }
    public string Name { get; }
    public int Depth { get; }

    public static ActorPath Root(string address) => new(address, null, "");

    public ActorPath Child(string name) => new(Address, this, name);

    /// <summary>The path without the address, such as <c>/user/a/b</c>.</summary>
    public string Elements => Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent.Elements + "/" + Name;

    public override string ToString() => _text ??= Address + Elements;

    public bool Equals(ActorPath? other) =>
        other is not null && (ReferenceEquals(this, other) || (Name == other.Name && Depth == other.Depth && ToString() == other.ToString()));

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
