using P2C2R.Hosting;

return await NodeCommand.Create("peer", "P2C2R PeerNode: a helper that lends its idle CPU to game sessions.", typeof(Program).Assembly)
    .Parse(args)
    .InvokeAsync();
