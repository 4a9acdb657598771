namespace P2C2R.MessagePack;

/// <summary>The type code and payload length that precede an extension value's bytes.</summary>
public readonly record struct ExtensionHeader(sbyte TypeCode, uint Length);
