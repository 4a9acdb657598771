using System.Reflection;

namespace P2C2R.Tasks.Ai;

/// <summary>
/// Word trigram counts per persona, learned from the corpus compiled into the helper. Successor
/// lists are sorted by ordinal word order, so sampling from them draws the same word on every
/// machine; hash tables are used only for lookup, never iterated.
/// </summary>
internal sealed class DialogueModel
{
    public const string Start = "<s>";
    public const string End = "</s>";
    private static readonly Lazy<DialogueModel> s_shared = new(() => Parse(ReadCorpus()));

    private readonly Dictionary<string, PersonaModel> _personas;

    private DialogueModel(Dictionary<string, PersonaModel> personas) => _personas = personas;

    public static DialogueModel Shared => s_shared.Value;

    public bool TryGet(string persona, out PersonaModel model) => _personas.TryGetValue(persona, out model!);

    public IEnumerable<string> Personas => _personas.Keys.Order(StringComparer.Ordinal);

    public static string[] Tokenize(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c) || c == '\'')
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return [.. words];
    }

    private static string ReadCorpus()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dialogue-corpus.txt")
            ?? throw new InvalidOperationException("the dialogue corpus is not embedded in P2C2R.Tasks");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static DialogueModel Parse(string corpus)
    {
        var lines = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        List<string[]>? current = null;
        foreach (var raw in corpus.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("# ", StringComparison.Ordinal) && line.IndexOf(' ', 2) < 0)
            {
                current = [];
                lines[line[2..]] = current;
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                current?.Add(Tokenize(line));
            }
        }

        var personas = new Dictionary<string, PersonaModel>(StringComparer.Ordinal);
        foreach (var (persona, utterances) in lines)
        {
            personas[persona] = PersonaModel.Learn(utterances);
        }

        return new DialogueModel(personas);
    }
}

/// <summary>One persona's trigram and bigram successor tables.</summary>
internal sealed class PersonaModel
{
    private readonly Dictionary<string, Successors> _trigrams;
    private readonly Dictionary<string, Successors> _bigrams;

    private PersonaModel(Dictionary<string, Successors> trigrams, Dictionary<string, Successors> bigrams)
    {
        _trigrams = trigrams;
        _bigrams = bigrams;
    }

    public bool Knows(string word) => _bigrams.ContainsKey(word);

    /// <summary>Successors of (previous, last), backing off to those of last alone.</summary>
    public Successors Next(string previous, string last) =>
        _trigrams.TryGetValue(previous + " " + last, out var trigram) ? trigram : _bigrams[last];

    public static PersonaModel Learn(List<string[]> utterances)
    {
        var trigramCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var bigramCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var words in utterances)
        {
            var previous = DialogueModel.Start;
            var last = DialogueModel.Start;
            foreach (var word in words.Append(DialogueModel.End))
            {
                Count(trigramCounts, previous + " " + last, word);
                Count(bigramCounts, last, word);
                previous = last;
                last = word;
            }
        }

        return new PersonaModel(Freeze(trigramCounts), Freeze(bigramCounts));
    }

    private static void Count(Dictionary<string, Dictionary<string, int>> table, string key, string word)
    {
        if (!table.TryGetValue(key, out var successors))
        {
            table[key] = successors = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        successors[word] = successors.GetValueOrDefault(word) + 1;
    }

    private static Dictionary<string, Successors> Freeze(Dictionary<string, Dictionary<string, int>> table)
    {
        var frozen = new Dictionary<string, Successors>(table.Count, StringComparer.Ordinal);
        foreach (var (key, successors) in table)
        {
            var words = successors.Keys.Order(StringComparer.Ordinal).ToArray();
            frozen[key] = new Successors(words, [.. words.Select(word => successors[word])]);
        }

        return frozen;
    }
}

/// <summary>Successor words in ordinal order with their counts.</summary>
internal sealed record Successors(string[] Words, int[] Counts)
{
    public string Draw(ref Numerics.SplitMix64 random)
    {
        var total = 0;
        foreach (var count in Counts)
        {
            total += count;
        }

        var roll = random.NextInt(total);
        for (var i = 0; i < Words.Length; i++)
        {
            roll -= Counts[i];
            if (roll < 0)
            {
                return Words[i];
            }
        }

        return Words[^1];
    }
}
