using BenchmarkDotNet.Running;
using Crossbar.Benchmarks;

if (args.Length > 0 && args[0] == "quick")
{
    SparseLuQuickReport.Run(args.Skip(1).ToArray());
    return;
}

if (args.Length > 0 && args[0] == "inv1t1r")
{
    CrossbarCircuitReport.RunInv1T1R(args.Skip(1).ToArray());
    return;
}

if (args.Length > 0 && args[0] == "inv1t1r-profile")
{
    CrossbarCircuitReport.RunProfile(args.Skip(1).ToArray());
    return;
}

if (args.Length > 0 && args[0] == "deck")
{
    CrossbarCircuitReport.RunDeck(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SparseLuBenchmarks).Assembly).Run(args);
