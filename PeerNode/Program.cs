using P2C2R.Hosting;
using P2C2R.PeerNode.SelfTest;

var command = NodeCommand.Create("peer", "P2C2R PeerNode: a helper that lends its idle CPU to game sessions.", typeof(Program).Assembly);
command.Subcommands.Add(SelfTestCommand.Create(typeof(Program).Assembly));
return await command.Parse(args).InvokeAsync();
