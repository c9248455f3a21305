using ApiMlCluster.Node.CommandLine;

return await NodeCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
