using P2C2R.Hocon.Tree;

namespace P2C2R.Hocon.Parsing;

/// <summary>
/// State shared by every file parsed into one document: the root being built, the objects still
/// open (so a self-reference sees the value defined just before it), and the include chain (so
/// an include cycle is reported rather than followed forever).
/// </summary>
internal sealed class ParseSession
{
    public ObjectNode Root { get; } = new(new SourcePosition("<root>", 1, 1));
    public List<(string[] BasePath, ObjectNode Node)> OpenObjects { get; } = [];
    public List<string> IncludeChain { get; } = [];
}
