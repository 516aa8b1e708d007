using Crossbar.Circuit.Builders;

namespace Crossbar.Cli.Commands;

/// <summary>Everything a crossbar command needs to build its circuit, read from the command line.</summary>
/// <param name="Problem">The circuit kind.</param>
/// <param name="Matrix">The matrix in matrix units (as read or generated, before mapping to conductances).</param>
/// <param name="Vector">The right-hand side b (INV, GINV) or the input x (MVM).</param>
/// <param name="Options">Device, op-amp and wire options.</param>
/// <param name="Analysis">Operating point or transient.</param>
/// <param name="Parameters">Every parameter as text, in a fixed order, for run.json.</param>
public sealed record CrossbarSpec(
    CrossbarProblem Problem,
    double[,] Matrix,
    double[] Vector,
    CrossbarBuildOptions Options,
    CircuitAnalysis Analysis,
    IReadOnlyList<KeyValuePair<string, string>> Parameters);
