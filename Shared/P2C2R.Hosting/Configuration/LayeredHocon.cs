using System.Text;
using Akka.Configuration;

namespace P2C2R.Hosting.Configuration;

/// <summary>
/// Joins a node's layers into one HOCON document and parses it once with Akka's parser, so a later
/// layer's value also moves every <c>${...}</c> of an earlier layer that refers to it. Before that,
/// what Akka's parser does not do is done here: environment variables in <c>${?NAME}</c> are read
/// from the given environment, an optional substitution of something undefined removes its field
/// and one of something defined takes its value (Akka's parser empties the value in both cases), and mistakes (an unknown substitution, a cycle that would overflow
/// Akka's resolver) are reported with file and line.
/// </summary>
internal static class LayeredHocon
{
    public static Config Parse(IReadOnlyList<ConfigLayer> layers, IReadOnlyDictionary<string, string> environment)
    {
        var readers = layers.Select(HoconLayerReader.Read).ToList();
        var edits = readers.Select(reader => reader.RootBraces.Select(span => (span.Start, span.End, Replacement: (string?)null)).ToList()).ToList();
        var removed = new HashSet<HoconField>();

        foreach (var substitution in readers.SelectMany(reader => reader.Substitutions).Where(s => s.EnvironmentName is not null))
        {
            if (environment.TryGetValue(substitution.EnvironmentName!, out var value))
            {
                edits[substitution.LayerIndex].Add((substitution.Token.Start, substitution.Token.End, HoconText.Quote(value)));
            }
            else if (substitution.Optional)
            {
                Remove(substitution, edits, removed);
            }
            else
            {
                throw Error(layers, substitution, $"environment variable {substitution.EnvironmentName} is not set");
            }
        }

        var definitions = new Dictionary<string, HoconField>();
        foreach (var field in readers.SelectMany(reader => reader.Fields).Where(field => !removed.Contains(field)))
        {
            definitions[field.Path] = field;
        }

        var references = new List<HoconSubstitution>();
        foreach (var substitution in readers.SelectMany(reader => reader.Substitutions).Where(s => s.Path is not null))
        {
            if (IsDefined(substitution.Path!, definitions))
            {
                references.Add(substitution);
                if (substitution.Optional)
                {
                    edits[substitution.LayerIndex].Add((substitution.Token.Start, substitution.Token.End, Required(layers[substitution.LayerIndex], substitution.Token)));
                }
            }
            else if (substitution.Optional)
            {
                Remove(substitution, edits, removed);
            }
            else
            {
                throw Error(layers, substitution, $"unresolved substitution: nothing defines {HoconText.Display(substitution.Path!)}");
            }
        }

        SubstitutionCycles.Check(layers, references.Where(s => s.Owner is { } owner && definitions.GetValueOrDefault(owner.Path) == owner && !removed.Contains(owner)), definitions);

        var document = new StringBuilder();
        for (var i = 0; i < layers.Count; i++)
        {
            document.Append(Apply(layers[i].Text, edits[i])).Append('\n');
        }

        try
        {
            return ConfigurationFactory.ParseString(document.ToString());
        }
        catch (Exception error) when (error is FormatException or ConfigurationException or InvalidOperationException or ArgumentException)
        {
            throw new ConfigurationException($"{string.Join(", ", layers.Select(layer => layer.Source))}: {error.Message}", error);
        }
    }

    /// <summary>Akka's parser empties a value for <c>${?path}</c> even when the path is defined: it gets <c>${path}</c>.</summary>
    private static string Required(ConfigLayer layer, HoconToken token) => "${" + layer.Text[(token.Start + 3)..(token.End - 1)] + "}";

    /// <summary>
    /// Defined when a field assigns the path or something under it, or when a field above it has a
    /// value made by substitution (which may be an object holding it: Akka's resolver decides).
    /// </summary>
    private static bool IsDefined(string path, Dictionary<string, HoconField> definitions) =>
        definitions.Values.Any(field => field.Path == path || HoconText.IsUnder(field.Path, path) || (field.HasSubstitution && HoconText.IsUnder(path, field.Path)));

    private static void Remove(HoconSubstitution substitution, List<List<(int Start, int End, string? Replacement)>> edits, HashSet<HoconField> removed)
    {
        edits[substitution.LayerIndex].Add((substitution.Removal.Start, substitution.Removal.End, null));
        if (substitution.Owner is { } owner && owner.SoleSubstitution == substitution)
        {
            removed.Add(owner);
        }
    }

    /// <summary>Replaces spans; a null replacement blanks the span but keeps its line breaks, so lines stay where they were.</summary>
    private static string Apply(string text, List<(int Start, int End, string? Replacement)> edits)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, end, replacement) in edits.OrderBy(edit => edit.Start))
        {
            result.Append(text, position, start - position);
            if (replacement is null)
            {
                for (var i = start; i < end; i++)
                {
                    result.Append(text[i] == '\n' ? '\n' : ' ');
                }
            }
            else
            {
                result.Append(replacement);
            }

            position = end;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    internal static ConfigurationException Error(IReadOnlyList<ConfigLayer> layers, HoconSubstitution substitution, string message) =>
        HoconScanner.Error(layers[substitution.LayerIndex], substitution.Token.Line, substitution.Token.Column, message);
}
