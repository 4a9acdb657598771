namespace P2C2R.Hosting.Configuration;

/// <summary>
/// One assignment in a layer (<c>path = value</c> or <c>path { ... }</c>), kept to know which paths
/// are defined, which definition is the last, and what its value refers to.
/// </summary>
internal sealed class HoconField(string path, int layerIndex, HoconToken key)
{
    /// <summary>Canonical path (segments joined by <see cref="HoconText.CanonicalSeparator"/>).</summary>
    public string Path { get; } = path;

    public int LayerIndex { get; } = layerIndex;

    public HoconToken Key { get; } = key;

    /// <summary>Whether the value holds a substitution, so it may turn out to be an object.</summary>
    public bool HasSubstitution { get; set; }

    /// <summary>The substitution that is the whole value, if any: an undefined optional one removes the field.</summary>
    public HoconSubstitution? SoleSubstitution { get; set; }
}
