using P2C2R.Sandbox.Worker;

return await WorkerLoop.RunAsync();
