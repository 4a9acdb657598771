using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Remote;
using P2C2R.Remote.Cluster;
using P2C2R.Remote.TestNode;

// A remoting node in its own process, for tests that must kill a real process:
//   TestNode <system-name> <hocon>
// It starts remoting (and the cluster when seed nodes are configured), creates /user/echo,
// prints "READY <address>" and runs until its standard input closes or it is killed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: TestNode <system-name> <hocon>");
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
var config = Config.Parse(args[1]).WithFallback(RemoteSettings.Defaults);
var system = ActorSystem.Create(args[0], config, loggerFactory);
var remote = RemoteTransport.Start(system, TestMessages.Registry);
system.ActorOf(Props.Create<EchoActor>(), "echo");
if (config.GetStringList("p2c2r.cluster.seed-nodes").Count > 0)
{
    ClusterNode.Start(system);
}

Console.Out.WriteLine($"READY {remote.Address}");
Console.Out.Flush();
await Task.WhenAny(Task.Run(() => Console.In.ReadToEnd()), system.WhenTerminated);
await system.Terminate();
return 0;
