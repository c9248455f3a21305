using ApiMlCluster.Bench;

return await BenchCommandLine.RunAsync(args);
