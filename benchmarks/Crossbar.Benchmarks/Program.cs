using BenchmarkDotNet.Running;
using Crossbar.Benchmarks;

if (args.Length > 0 && args[0] == "quick")
{
    SparseLuQuickReport.Run(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SparseLuBenchmarks).Assembly).Run(args);
