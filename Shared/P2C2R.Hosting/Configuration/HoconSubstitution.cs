namespace P2C2R.Hosting.Configuration;

/// <summary>
/// One <c>${...}</c> or <c>${?...}</c> in a layer: either an environment variable (an upper-case
/// name, read from the environment given to the loader) or a configuration path.
/// </summary>
internal sealed class HoconSubstitution(int layerIndex, HoconToken token, bool optional, string? environmentName, string? path, HoconField? owner)
{
    public int LayerIndex { get; } = layerIndex;

    public HoconToken Token { get; } = token;

    public bool Optional { get; } = optional;

    public string? EnvironmentName { get; } = environmentName;

    /// <summary>Canonical path referred to, when this is not an environment variable.</summary>
    public string? Path { get; } = path;

    /// <summary>The field whose value holds this substitution (null at the top of a layer, which HOCON does not allow).</summary>
    public HoconField? Owner { get; } = owner;

    /// <summary>What to blank when an optional substitution is undefined: the whole field, the array element, or only itself.</summary>
    public (int Start, int End) Removal { get; set; } = (token.Start, token.End);
}
