using P2C2R.Coordinator.Hosting;
using P2C2R.Hosting;

var command = NodeCommand.Create(
    CoordinatorNode.Name,
    "P2C2R Coordinator: hosts gamers' sessions, farms their work out to helpers and checks every result.",
    typeof(Program).Assembly,
    NodeHostKind.Web,
    CoordinatorNode.Compose,
    CoordinatorNode.Options);
return await NodeCommand.InvokeAsync(command, args);
