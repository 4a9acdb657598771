using P2C2R.Hosting;

return await NodeCommand.Create("coordinator", "P2C2R Coordinator: the authority that hosts game sessions.", typeof(Program).Assembly)
    .Parse(args)
    .InvokeAsync();
