namespace Crossbar.Circuit.Engine;

/// <summary>All tables a deck's analyses produced, with statistics and warnings.</summary>
public sealed class SimulationResults
{
    internal SimulationResults(List<ResultTable> tables, SimulationStatistics statistics, List<string> warnings)
    {
        Tables = tables;
        Statistics = statistics;
        Warnings = warnings;
    }

    /// <summary>One table per analysis, in deck order.</summary>
    public IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>Counters and timings.</summary>
    public SimulationStatistics Statistics { get; }

    /// <summary>Warnings from reading and simulating.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The first table of an analysis kind (op, dc, tran, ac), or null.</summary>
    public ResultTable? Find(string analysis)
        => Tables.FirstOrDefault(t => t.Analysis.Equals(analysis, StringComparison.OrdinalIgnoreCase));
}
