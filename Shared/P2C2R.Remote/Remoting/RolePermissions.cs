using P2C2R.Hocon;

namespace P2C2R.Remote;

/// <summary>
/// Which actor paths and message names members of a role may reach (helpers are untrusted:
/// a peer may talk to the cluster and to the actors that hand out work, nothing else). Roles
/// without an entry are unrestricted.
/// </summary>
public sealed class RolePermissions
{
    private readonly Dictionary<string, Rule> _rules;

    private RolePermissions(Dictionary<string, Rule> rules) => _rules = rules;

    public static RolePermissions From(Config permissions)
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var role in permissions.Keys)
        {
            var entry = permissions.GetConfig(role);
            rules[role] = new Rule([.. entry.GetStringList("paths")], [.. entry.GetStringList("messages")]);
        }

        return new RolePermissions(rules);
    }

    public bool IsRestricted(string role) => _rules.ContainsKey(role);

    public bool AllowsPath(string role, string path) => !_rules.TryGetValue(role, out var rule) || rule.Paths.Any(p => Matches(p, path, '/'));

    public bool AllowsMessage(string role, string messageName) =>
        !_rules.TryGetValue(role, out var rule) || rule.Messages.Any(m => Matches(m, messageName, '.'));

    private static bool Matches(string pattern, string value, char separator)
    {
        if (pattern.EndsWith(separator + "*", StringComparison.Ordinal))
        {
            var prefix = pattern.AsSpan(0, pattern.Length - 1);
            return value.AsSpan().StartsWith(prefix, StringComparison.Ordinal);
        }

        return pattern == value;
    }

    private sealed record Rule(string[] Paths, string[] Messages);
}
