using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;

namespace Crossbar.Circuit.Simulation;

/// <summary>All tables a deck's analyses produced, with statistics and warnings.</summary>
public sealed class SimulationResults
{
    internal SimulationResults(List<ResultTable> tables, SimulationStatistics statistics, List<string> warnings, MatrixSnapshot? operatingPointMatrix = null, KclResidual? residual = null, List<MeasureResult>? measures = null)
    {
        Measures = measures ?? [];
        Tables = tables;
        Statistics = statistics;
        Warnings = warnings;
        OperatingPointMatrix = operatingPointMatrix;
        Residual = residual;
    }

    /// <summary>One table per analysis, in deck order.</summary>
    public IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>Counters and timings.</summary>
    public SimulationStatistics Statistics { get; }

    /// <summary>Warnings from reading and simulating.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The last Newton system (Jacobian and right-hand side) of the operating point, when
    /// <c>CircuitSimulator.Run</c> was asked for it and an operating point was solved (a transient with
    /// <c>uic</c> solves none); otherwise null.
    /// </summary>
    public MatrixSnapshot? OperatingPointMatrix { get; }

    /// <summary>
    /// KCL residual of the solution at the last point of the last .op, .dc or .tran analysis (null when the deck has
    /// none): see <see cref="KclResidual"/>.
    /// </summary>
    public KclResidual? Residual { get; }

    /// <summary>Results of the deck's <c>.measure</c> cards, in the order they were evaluated (each kind's after each of its analyses).</summary>
    public IReadOnlyList<MeasureResult> Measures { get; }

    /// <summary>The first table of an analysis kind (op, dc, tran, ac), or null.</summary>
    public ResultTable? Find(string analysis)
        => Tables.FirstOrDefault(t => t.Analysis.Equals(analysis, StringComparison.OrdinalIgnoreCase));
}
