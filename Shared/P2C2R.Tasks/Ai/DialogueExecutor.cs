using System.Text;
using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.Ai;

/// <summary>
/// <c>ai.dialogue</c>: a villager's answer. A trigram model of the persona's corpus generates the
/// line, starting from a word of the player's line the persona knows and opening with a phrase of
/// its mood; the emotion follows from mood and the player's tone, the animation from the emotion.
/// The random stream is seeded from every input field, so the same question gets the same
/// answer everywhere.
/// <para>
/// Each generated word takes exactly one draw, so the draw behind any word is reachable directly
/// (<see cref="SplitMix64.After"/>) and words can be checked one by one from the claimed line's
/// own context. The sampled verifier catches for sure: a wrong emotion or animation, a wrong
/// opener, a wrong topic word, a line not made of lowercase words after its capitalized first one,
/// more words than maxWords, and a wrong ending (the draw after the last word must end the line
/// unless maxWords was reached). It redraws a sample of the other words and can miss a wrong word
/// outside the sample. At fraction 1 it regenerates the whole line.
/// </para>
/// </summary>
public sealed class DialogueExecutor : TaskExecutor<DialogueInput, DialogueOutput>
{
    public const int MaxLineBytes = 512;

    private static readonly string[] Moods = ["calm", "happy", "angry", "afraid", "sad"];

    private static readonly string[][] Openers =
    [
        ["Hmm.", "Well.", "I see."],
        ["Ha!", "Well met!", "What a fine day!"],
        ["Bah!", "Enough!", "You again?"],
        ["Shh!", "Did you hear that?", "Stay close."],
        ["Alas.", "Oh.", "If only."],
    ];

    private static readonly HashSet<string> Positive = new(["thanks", "thank", "please", "friend", "good", "great", "love", "help", "kind", "hello", "hi", "beautiful", "fine"], StringComparer.Ordinal);
    private static readonly HashSet<string> Negative = new(["stupid", "hate", "bad", "ugly", "die", "kill", "idiot", "never", "liar", "worst", "no", "angry"], StringComparer.Ordinal);
    private static readonly HashSet<string> StopWords = new(["the", "a", "an", "and", "or", "is", "are", "you", "i", "me", "my", "to", "of", "in", "on", "it", "what", "do", "does", "where", "how", "why", "can", "your"], StringComparer.Ordinal);

    public override TaskType Type { get; } = new("ai.dialogue", 1, 1024, MaxLineBytes * 2);

    public override long Cost(DialogueInput input) => 5 + input.MaxWords / 4;

    protected override void Validate(DialogueInput input)
    {
        TaskInputException.Require(DialogueModel.Shared.TryGet(input.Persona, out _),
            $"persona \"{input.Persona}\" is unknown; known: {string.Join(", ", DialogueModel.Shared.Personas)}");
        TaskInputException.Require(Array.IndexOf(Moods, input.Mood) >= 0, $"mood \"{input.Mood}\" is unknown; known: {string.Join(", ", Moods)}");
        TaskInputException.Require(Encoding.UTF8.GetByteCount(input.PlayerLine) <= 256, "playerLine is longer than 256 bytes");
        TaskInputException.InRange(input.MaxWords, 1, 40, "maxWords");
    }

    protected override DialogueOutput Compute(DialogueInput input)
    {
        DialogueModel.Shared.TryGet(input.Persona, out var model);
        var mood = Array.IndexOf(Moods, input.Mood);
        var playerWords = DialogueModel.Tokenize(input.PlayerLine);
        var random = new SplitMix64(Seed(input));
        var line = new StringBuilder(Openers[mood][random.NextInt(Openers[mood].Length)]);
        var previous = DialogueModel.Start;
        var last = DialogueModel.Start;
        var topic = Array.Find(playerWords, word => !StopWords.Contains(word) && model.Knows(word));
        var words = 0;
        if (topic is not null)
        {
            Append(line, topic, capitalize: true);
            last = topic;
            words++;
        }

        while (words < input.MaxWords)
        {
            var next = model.Next(previous, last).Draw(ref random);
            if (next == DialogueModel.End)
            {
                break;
            }

            Append(line, next, capitalize: words == 0);
            previous = last;
            last = next;
            words++;
        }

        line.Append('.');
        var emotion = Emotion(mood, Tone(playerWords));
        return new DialogueOutput(line.ToString(), emotion, Animation(emotion));
    }

    public override Verdict Verify(DialogueInput input, DialogueOutput claimed, VerificationOptions options) =>
        options.IsFull ? VerifyFull(input, claimed) : VerifySampled(input, claimed, options);

    private Verdict VerifyFull(DialogueInput input, DialogueOutput claimed)
    {
        var expected = Compute(input);
        if (claimed.Line != expected.Line)
        {
            return Verdict.Reject($"the line is \"{claimed.Line}\"; expected \"{expected.Line}\"");
        }

        return claimed.Emotion == expected.Emotion && claimed.Animation == expected.Animation
            ? Verdict.Accept
            : Verdict.Reject($"emotion/animation is {claimed.Emotion}/{claimed.Animation}; expected {expected.Emotion}/{expected.Animation}");
    }

    private static Verdict VerifySampled(DialogueInput input, DialogueOutput claimed, VerificationOptions options)
    {
        DialogueModel.Shared.TryGet(input.Persona, out var model);
        var mood = Array.IndexOf(Moods, input.Mood);
        var playerWords = DialogueModel.Tokenize(input.PlayerLine);
        var emotion = Emotion(mood, Tone(playerWords));
        if (claimed.Emotion != emotion || claimed.Animation != Animation(emotion))
        {
            return Verdict.Reject($"emotion/animation is {claimed.Emotion}/{claimed.Animation}; expected {emotion}/{Animation(emotion)}");
        }

        var seed = Seed(input);
        var opening = SplitMix64.After(seed, 0);
        var opener = Openers[mood][opening.NextInt(Openers[mood].Length)];
        var line = claimed.Line;
        if (!line.StartsWith(opener, StringComparison.Ordinal) || !line.EndsWith('.') || line.Length < opener.Length + 1)
        {
            return Verdict.Reject($"the line \"{line}\" does not open with \"{opener}\" and end with a full stop");
        }

        var body = line.AsSpan(opener.Length, line.Length - opener.Length - 1);
        var words = new List<string>();
        foreach (var range in body.Split(' '))
        {
            var word = body[range];
            if (range.Start.Value == 0 ? word.Length != 0 : !IsWord(word, capitalized: words.Count == 0))
            {
                return Verdict.Reject($"the line \"{line}\" is not the opener followed by words separated by single spaces, the first capitalized");
            }

            if (range.Start.Value != 0)
            {
                words.Add(words.Count == 0 ? char.ToLowerInvariant(word[0]) + word[1..].ToString() : word.ToString());
            }
        }

        if (words.Count > input.MaxWords)
        {
            return Verdict.Reject($"the line has {words.Count} words; at most {input.MaxWords}");
        }

        var topic = Array.Find(playerWords, word => !StopWords.Contains(word) && model.Knows(word));
        if (topic is not null && (words.Count == 0 || words[0] != topic))
        {
            return Verdict.Reject($"the line must start with the topic \"{topic}\"");
        }

        var firstDrawn = topic is null ? 0 : 1;
        var drawn = words.Count - firstDrawn;
        var steps = words.Count < input.MaxWords ? drawn + 1 : drawn;
        foreach (var step in Sample.Indices(steps, options).Append(steps - 1).Distinct())
        {
            if (step < 0)
            {
                continue;
            }

            var at = firstDrawn + step;
            var previous = at >= 2 ? words[at - 2] : DialogueModel.Start;
            var last = at >= 1 ? words[at - 1] : DialogueModel.Start;
            if (at >= 1 && !model.Knows(last))
            {
                return Verdict.Reject($"word {at - 1} \"{last}\" is not a word this persona knows");
            }

            var random = SplitMix64.After(seed, 1 + step);
            var next = model.Next(previous, last).Draw(ref random);
            var actual = at < words.Count ? words[at] : DialogueModel.End;
            if (next != actual)
            {
                return Verdict.Reject($"word {at} is \"{actual}\"; expected \"{next}\"");
            }
        }

        return Verdict.Accept;
    }

    private static bool IsWord(ReadOnlySpan<char> word, bool capitalized)
    {
        if (word.IsEmpty)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (!(c == '\'' || (i == 0 && capitalized ? char.IsAsciiLetterUpper(c) : char.IsAsciiLetterLower(c))))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong Seed(DialogueInput input)
    {
        var hash = 14695981039346656037UL ^ input.Seed;
        foreach (var part in new[] { input.Persona, input.Mood, input.PlayerLine })
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0xFF) * 1099511628211UL;
        }

        return hash;
    }

    private static int Tone(string[] words)
    {
        var tone = 0;
        foreach (var word in words)
        {
            tone += Positive.Contains(word) ? 1 : Negative.Contains(word) ? -1 : 0;
        }

        return tone;
    }

    private static string Emotion(int mood, int tone) => mood switch
    {
        0 => tone > 0 ? "friendly" : tone < 0 ? "stern" : "neutral",
        1 => tone < 0 ? "surprised" : "joyful",
        2 => tone > 0 ? "grumpy" : "furious",
        3 => tone < 0 ? "terrified" : "anxious",
        _ => tone > 0 ? "wistful" : "sorrowful",
    };

    private static string Animation(string emotion) => emotion switch
    {
        "friendly" => "wave",
        "stern" => "point",
        "neutral" => "nod",
        "surprised" => "step-back",
        "joyful" => "laugh",
        "grumpy" => "cross-arms",
        "furious" => "shake-fist",
        "terrified" => "cower",
        "anxious" => "look-around",
        "wistful" => "sigh",
        _ => "hang-head",
    };

    private static void Append(StringBuilder line, string word, bool capitalize)
    {
        line.Append(' ');
        if (capitalize)
        {
            line.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
        else
        {
            line.Append(word);
        }
    }
}
