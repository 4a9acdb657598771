namespace P2C2R.Tasks.Codec;

/// <summary>The fixed tables of RFC 1951 §3.2.5: length and distance codes with their extra bits.</summary>
internal static class DeflateTables
{
    public static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] LengthToCode = BuildLengthToCode();

    /// <summary>Index 0..28 of the length code (symbol 257 + index) for a match length 3..258.</summary>
    public static int LengthCode(int length) => LengthToCode[length];

    public static int LengthExtraBits(int code) => LengthExtra[code];

    public static int LengthExtraValue(int code, int length) => length - LengthBase[code];

    /// <summary>Distance code 0..29 for a distance 1..32768.</summary>
    public static int DistanceCode(int distance)
    {
        if (distance <= 4)
        {
            return distance - 1;
        }

        var log = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)(distance - 1));
        return 2 * log + (((distance - 1) >> (log - 1)) & 1);
    }

    public static int DistanceExtraBits(int code) => DistanceExtra[code];

    public static int DistanceExtraValue(int code, int distance) => distance - DistanceBase[code];

    private static byte[] BuildLengthToCode()
    {
        var table = new byte[259];
        for (var code = 0; code < LengthBase.Length; code++)
        {
            var end = code + 1 < LengthBase.Length ? LengthBase[code + 1] : 259;
            for (var length = LengthBase[code]; length < end; length++)
            {
                table[length] = (byte)code;
            }
        }

        return table;
    }
}
