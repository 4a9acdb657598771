using P2C2R.Hosting;

return await NodeCommand.Create("gamer", "P2C2R GamerClient: the gamer's client.", typeof(Program).Assembly)
    .Parse(args)
    .InvokeAsync();
