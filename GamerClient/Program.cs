using P2C2R.GamerClient.Commands;

return await GamerCommands.Create(typeof(Program).Assembly).Parse(args).InvokeAsync();
