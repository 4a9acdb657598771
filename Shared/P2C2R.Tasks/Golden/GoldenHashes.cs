namespace P2C2R.Tasks.Golden;

/// <summary>
/// SHA-256 of each golden input and of its output, pinned. The input hash guards the generator;
/// the output hash is the contract every helper on every machine must meet.
/// </summary>
public static class GoldenHashes
{
    public static IReadOnlyDictionary<string, (string Input, string Output)> ByTask { get; } = new Dictionary<string, (string, string)>
    {
        ["physics.rigid"] = ("e320d8feaeb813bce59f037898b008e7ef482d02e70406598782820979874647", "cf323fb93aba5008752e16f21726908a74d33d114899fe28130410e83385be93"),
        ["physics.cloth"] = ("c105c0dc47b1eb3c56d08c7a03cefd377cbfc86bc4f0844feefd1ad7037fafcc", "7c22d3e47b2ec9cdcd1f238f925ac8e28ed2c4aae5fc22a3cee286e5268c587b"),
        ["ai.pathfind"] = ("1ae507dea3e4af74cd44ce86aadd7bdc7b261aa790c359da53043ee5f5245a45", "4e2ef4015fab103e272fd9d203c576d62615d8d1483b906c16ee458675ebc7f2"),
        ["ai.dialogue"] = ("24dc78481df7728cf63cf8d4d5fdbbcacebaea2b6e791d30d4a900b66cabba5b", "c510c93b2fed628ee5756f9db9ea73c2e957d874ad6326dca9fa9eccaab5c7db"),
        ["world.terrain"] = ("204b7808585e421e5165163cf7b0496fcf2807314b06ef4fe02ba546345ae832", "ac9e1d9403e2d9b6766be2a3a0209fd2d1d9b29c802ed3188f8f38fed1c0f565"),
        ["world.lighting"] = ("9de3169a2fb5c421087e73cb42d18193754a649182d2a2d7271056a4a5da10dd", "950a5c8766482167f388c1f395e7f2cd0a21bf264aeb23391b2b544211b27e36"),
        ["render.raytrace"] = ("2a7f984dd529bbb4e666fd765dbf867f257810f8118b8e35f75c187061d965ee", "9a3e83a87b1708525d2ded118edff8a7c7b719904086cf9dcfb109d44fe18867"),
        ["render.upscale"] = ("4c19b1bc22838de5965754b460ca5c6007f8ded2c0c9782b93adfc7e0d5c80bb", "59de1c9ac311b673a3eef8db6cf20058a332d64624afc0799af97de21b88baf0"),
        ["codec.deflate"] = ("b969339375963a405508d1b927696e4025bbc93bfb7e4d12040ab740176e3b5d", "c760fa4400c48c2ebb36e8039e1e674394042cb8513f777ba43cb5e140df97b8"),
        ["render.finish"] = ("d25f6c46365510e1b3ce0560896bcc920e9d7f259b5587f994fb11b59b80769a", "c760fa4400c48c2ebb36e8039e1e674394042cb8513f777ba43cb5e140df97b8"),
    };
}
