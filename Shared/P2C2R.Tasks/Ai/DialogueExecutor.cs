using System.Text;
using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.Ai;

/// <summary>
/// <c>ai.dialogue</c>: a villager's answer. A trigram model of the persona's corpus generates the
/// line, starting from a word of the player's line the persona knows and opening with a phrase of
/// its mood; the emotion follows from mood and the player's tone, the animation from the emotion.
/// The random stream is seeded from every input field, so the same question gets the same
/// answer everywhere. Generation costs microseconds, so the verifier simply regenerates.
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

    public override Verdict Verify(DialogueInput input, DialogueOutput claimed, VerificationOptions options)
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
