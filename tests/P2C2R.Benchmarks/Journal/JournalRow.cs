namespace P2C2R.Benchmarks.Journal;

/// <summary>What Akka.Persistence.Sql writes for one event besides its ids: the payload bytes, our serializer's id and manifest, the writer.</summary>
public sealed record JournalRow(byte[] Message, int SerializerId, string Manifest, string WriterUuid);
