using System.Globalization;
using P2C2R.Actors;

namespace P2C2R.Remote;

/// <summary>
/// The wire form of an actor ref: <c>p2c2r.tcp://system@host:port/user/a#uid</c>. The uid part
/// names one incarnation of the actor; without it the ref means whichever actor has the path.
/// </summary>
public readonly record struct RemotePath(Address Address, string Elements, long Uid)
{
    public static RemotePath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"invalid actor path [{text}]: expected {Address.Scheme}://system@host:port/path[#uid]");

    public static bool TryParse(string text, out RemotePath path)
    {
        path = default;
        if (!Address.TryParse(text, out var address, out var length))
        {
            return false;
        }

        var rest = text.AsSpan(length);
        var hash = rest.IndexOf('#');
        var elements = hash < 0 ? rest : rest[..hash];
        long uid = 0;
        if (elements.IsEmpty || elements[0] != '/' ||
            (hash >= 0 && !long.TryParse(rest[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out uid)))
        {
            return false;
        }

        path = new RemotePath(address, elements.ToString(), uid);
        return true;
    }

    public ActorPath ToActorPath()
    {
        var path = ActorPath.Root(Address.ToString());
        foreach (var name in Elements.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = path.Child(name);
        }

        return path;
    }

    public override string ToString() => Uid == 0 ? $"{Address}{Elements}" : $"{Address}{Elements}#{Uid.ToString(CultureInfo.InvariantCulture)}";
}
