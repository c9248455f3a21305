using ApiMlCluster.Chaos;

ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("chaos: " + e.Message);
    return 2;
}

// Ctrl-C stops the workload and the faults; the run still stops every node it started and writes its report.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

using var terminated = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupted.Cancel();
});

var result = await ChaosRun.RunAsync(options, Console.Out, interrupted.Token);
return result.Passed ? 0 : 1;
