using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// How far a solution is from satisfying Kirchhoff's current law: the largest |net current| into a node, absolute (A)
/// and relative to the largest single current term of those node equations.
/// </summary>
/// <remarks>
/// In the companion (linearised) form every element loads J and b at the iterate x so that J·x − b is the sum of the
/// currents leaving each node evaluated at x: for a linear element exactly, for a nonlinear one because its load
/// stamps G = dI/dv and the equivalent current I(x) − G·x. So with J and b loaded at the final solution,
/// r = J·x − b is the residual F(x) of the nonlinear equations. Only node rows (KCL) count; branch and state rows are
/// voltage or state equations. The scale is the largest |term| that enters those sums, max over node rows i of
/// max(|b_i|, max_j |J_ij·x_j|): the largest individual current contribution (an element's conductance times a node
/// voltage, or a source current), which bounds every branch current from above. <see cref="Relative"/> = max|r_i| /
/// scale is then the residual measured against the size of the numbers that cancel in it: about 1e-16 for a
/// solution exact to rounding.
/// </remarks>
/// <param name="Analysis">The analysis whose last point was checked (<c>op</c>, <c>dc</c>, <c>tran</c>).</param>
/// <param name="MaxAbsolute">Largest |KCL residual| over the nodes, in A.</param>
/// <param name="Scale">Largest single current term of the node equations, in A (0 for a circuit without currents).</param>
/// <param name="WorstUnknown">Index of the node with the largest residual (-1 when the circuit has no node).</param>
/// <param name="WorstNode">Description of that node (<c>node out</c>), empty when there is none.</param>
public sealed record KclResidual(string Analysis, double MaxAbsolute, double Scale, int WorstUnknown, string WorstNode)
{
    /// <summary>
    /// <see cref="MaxAbsolute"/> / <see cref="Scale"/> (dimensionless); 0 when both are 0, +∞ when only the scale is.
    /// </summary>
    public double Relative => Scale > 0 ? MaxAbsolute / Scale : MaxAbsolute == 0 ? 0 : double.PositiveInfinity;

    /// <summary>Evaluates the residual J·x − b of the node rows.</summary>
    /// <param name="analysis">Name of the analysis, recorded in the result.</param>
    /// <param name="pattern">Row and column of each handle.</param>
    /// <param name="values">J by handle (slot 0 ignored), loaded at <paramref name="x"/>.</param>
    /// <param name="rhs">b, loaded at <paramref name="x"/> (at least one entry per unknown).</param>
    /// <param name="x">The solution (at least one entry per unknown).</param>
    /// <param name="unknowns">Kinds of the unknowns: only voltage unknowns' rows are KCL equations.</param>
    /// <returns>The residual.</returns>
    public static KclResidual Evaluate(string analysis, SparsePattern pattern, ReadOnlySpan<double> values, ReadOnlySpan<double> rhs, ReadOnlySpan<double> x, UnknownMap unknowns)
    {
        int n = pattern.Size;
        var residual = new double[n];
        var scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            residual[i] = -rhs[i];
            scale[i] = Math.Abs(rhs[i]);
        }

        int[] rows = pattern.Rows;
        int[] columns = pattern.Columns;
        for (int h = 1; h < rows.Length; h++)
        {
            double term = values[h] * x[columns[h]];
            int row = rows[h];
            residual[row] += term;
            scale[row] = Math.Max(scale[row], Math.Abs(term));
        }

        double worst = 0;
        double largest = 0;
        int worstIndex = -1;
        for (int i = 0; i < n; i++)
        {
            if (unknowns.KindOf(i) != UnknownKind.Voltage)
            {
                continue;
            }

            double r = Math.Abs(residual[i]);
            if (worstIndex < 0 || !(r <= worst))
            {
                worst = r;
                worstIndex = i;
            }

            largest = Math.Max(largest, scale[i]);
        }

        return new KclResidual(analysis, worst, largest, worstIndex, worstIndex >= 0 ? unknowns.Describe(worstIndex) : string.Empty);
    }

    /// <summary>
    /// The residual of the circuit's present solution against its present load. Newton's convergence test loads the
    /// circuit at the iterate it accepts, so right after an analysis the load is at its last point's solution.
    /// </summary>
    internal static KclResidual Of(Circuit circuit, string analysis)
        => Evaluate(analysis, circuit.Pattern, circuit.Load.Matrix, circuit.Load.Rhs, circuit.Load.Solution, circuit.Unknowns);
}
