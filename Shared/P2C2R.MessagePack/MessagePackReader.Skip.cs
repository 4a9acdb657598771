namespace P2C2R.MessagePack;

/// <summary>Skipping values of any type, so readers can pass over fields they do not know.</summary>
public ref partial struct MessagePackReader
{
    /// <summary>Skips one value of any type, however nested, within the depth limit.</summary>
    public void Skip()
    {
        var code = PeekCode();
        switch (MessagePackCode.TypeOf(code))
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _reader.Advance(1);
                break;
            case MessagePackType.Integer:
                ReadIntegerAnySign();
                break;
            case MessagePackType.Float:
                ReadDouble();
                break;
            case MessagePackType.String:
                ReadSlice(ReadStringHeader());
                break;
            case MessagePackType.Binary:
                ReadBinary();
                break;
            case MessagePackType.Extension:
                ReadExtension(out _);
                break;
            case MessagePackType.Array:
                SkipElements(ReadArrayHeader());
                break;
            case MessagePackType.Map:
                SkipElements(ReadMapHeader() * 2L);
                break;
            default:
                throw Error($"{Describe(code)} is not a valid MessagePack code");
        }
    }

    private void SkipElements(long count)
    {
        EnterNested();
        for (long i = 0; i < count; i++)
        {
            Skip();
        }

        ExitNested();
    }

    private void ReadIntegerAnySign()
    {
        if (PeekCode() == MessagePackCode.UInt64)
        {
            ReadUInt64();
        }
        else
        {
            ReadInt64();
        }
    }
}
