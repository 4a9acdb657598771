using MessagePack;

namespace P2C2R.Tasks.Ai;

/// <summary>
/// Input of <c>ai.dialogue</c>: <c>[persona: str, mood: str, playerLine: str, seed: uint64,
/// maxWords: int]</c>. Personas are the corpus sections (blacksmith, elder, farmer, guard,
/// merchant); moods are calm, happy, angry, afraid and sad.
/// </summary>
public sealed record DialogueInput(string Persona, string Mood, string PlayerLine, ulong Seed, int MaxWords) : ITaskPayload<DialogueInput>
{
    public static DialogueInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 5, nameof(DialogueInput));
        return new DialogueInput(reader.ReadStrictString() ?? "", reader.ReadStrictString() ?? "", reader.ReadStrictString() ?? "", reader.ReadUInt64(), reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(5);
        writer.Write(Persona);
        writer.Write(Mood);
        writer.Write(PlayerLine);
        writer.Write(Seed);
        writer.Write(MaxWords);
    }
}

/// <summary>Output of <c>ai.dialogue</c>: <c>[line: str, emotion: str, animation: str]</c>.</summary>
public sealed record DialogueOutput(string Line, string Emotion, string Animation) : ITaskPayload<DialogueOutput>
{
    public static DialogueOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 3, nameof(DialogueOutput));
        return new DialogueOutput(reader.ReadStrictString() ?? "", reader.ReadStrictString() ?? "", reader.ReadStrictString() ?? "");
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(3);
        writer.Write(Line);
        writer.Write(Emotion);
        writer.Write(Animation);
    }
}
