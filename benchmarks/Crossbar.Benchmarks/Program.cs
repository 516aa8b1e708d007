using BenchmarkDotNet.Running;
using Crossbar.Benchmarks;

if (args.Length > 1 && args[0] == "quick" && args[1] == "inv1t1r")
{
    Inv1t1rQuickReport.Run(args.Skip(2).ToArray());
    return;
}

if (args.Length > 1 && args[0] == "quick" && args[1] == "supernodal")
{
    SupernodalQuickReport.Run(args.Skip(2).ToArray());
    return;
}

if (args.Length > 1 && args[0] == "quick" && args[1] == "deck")
{
    DeckQuickReport.Run(args.Skip(2).ToArray());
    return;
}

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

if (args.Length > 0 && args[0] == "inv1t1r-ordering")
{
    CrossbarCircuitReport.RunOrdering(args.Skip(1).ToArray());
    return;
}

if (args.Length > 0 && args[0] == "deck")
{
    CrossbarCircuitReport.RunDeck(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SparseLuBenchmarks).Assembly).Run(args);
