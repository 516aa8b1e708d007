using System.Globalization;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Cli.Commands;

/// <summary>
/// A generated INV, MVM or GINV circuit seen uniformly by the commands: the netlist, its output
/// columns, how to read the answer from a result table, the stability report (closed-loop
/// circuits only) and the exact answer of the original matrix.
/// </summary>
public sealed class CrossbarCircuit
{
    private readonly Func<ResultTable, int, double[]> _read;

    private CrossbarCircuit(Netlist netlist, IReadOnlyList<string> outputColumns, Func<ResultTable, int, double[]> read, InvStability? stability, double[] ideal)
    {
        Netlist = netlist;
        OutputColumns = outputColumns;
        _read = read;
        Stability = stability;
        Ideal = ideal;
    }

    /// <summary>The circuit, as simulated and as exported.</summary>
    public Netlist Netlist { get; }

    /// <summary>Result-table columns of the outputs (<c>v(node)</c>).</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    /// <summary>Eigenvalues of D⁻¹G and the loop time constant (INV, GINV); null for the open-loop MVM.</summary>
    public InvStability? Stability { get; }

    /// <summary>The exact answer of the original (unmapped) matrix, from MathNet: A⁻¹b, A·x, or the least-squares solution.</summary>
    public double[] Ideal { get; }

    /// <summary>The circuit's answer in matrix units from one result table (op, or the last tran point).</summary>
    public double[] Read(ResultTable table) => _read(table, -1);

    /// <summary>
    /// The answer in matrix units at one row of a result table, read as <see cref="Read(ResultTable)"/> reads the last
    /// one (ADC applied, divided by the output voltage per unit): the waveform of the solution over a transient.
    /// </summary>
    /// <param name="table">The results (rows retained).</param>
    /// <param name="row">Row index; −1 for the last.</param>
    /// <returns>One value per output.</returns>
    public double[] Read(ResultTable table, int row) => _read(table, row);

    /// <summary>Builds the circuit of a spec.</summary>
    /// <exception cref="InvUnstableException">A closed-loop circuit is unstable and --force was not given.</exception>
    /// <exception cref="UsageException">The matrix cannot be mapped or solved (singular, all zeros...).</exception>
    public static CrossbarCircuit Build(CrossbarSpec spec)
    {
        Matrix<double> a = Matrix<double>.Build.DenseOfArray(spec.Matrix);
        Vector<double> v = Vector<double>.Build.DenseOfArray(spec.Vector);
        try
        {
            switch (spec.Problem)
            {
                case CrossbarProblem.Mvm:
                {
                    MvmCircuit mvm = MvmCircuitBuilder.Build(spec.Matrix, spec.Vector, spec.Options, spec.Analysis);
                    return new CrossbarCircuit(mvm.Netlist, Columns(mvm.OutputNodes), (t, r) => mvm.ReadResult(t, r), null, (a * v).ToArray());
                }

                case CrossbarProblem.Inv:
                {
                    double[] ideal = ExactSolve(spec.Matrix, spec.Vector);
                    InvCircuit inv = InvCircuitBuilder.Build(spec.Matrix, spec.Vector, spec.Options, spec.Analysis);
                    return new CrossbarCircuit(inv.Netlist, [.. inv.OutputColumns], (t, r) => inv.ReadSolution(t, r), inv.Stability, ideal);
                }

                default:
                {
                    double[] ideal = LeastSquares(spec.Matrix, spec.Vector);
                    InvCircuit ginv = GinvCircuitBuilder.Build(spec.Matrix, spec.Vector, spec.Options, spec.Analysis);
                    if (!ginv.Stability.IsStable && !spec.Options.Force)
                    {
                        throw new InvUnstableException(ginv.Stability);
                    }

                    return new CrossbarCircuit(ginv.Netlist, [.. ginv.OutputColumns], (t, r) => ginv.ReadSolution(t, r), ginv.Stability, ideal);
                }
            }
        }
        catch (ArgumentException ex)
        {
            throw UsageException.From(ex);
        }
    }

    /// <summary>x* = A⁻¹b by LU with partial pivoting (<see cref="DenseLu"/>); a singular A is an input error (the same for every command that solves A·x = b).</summary>
    /// <exception cref="UsageException">A is singular.</exception>
    public static double[] ExactSolve(double[,] a, double[] b)
    {
        double ratio = Singularity.PivotRatio(a);
        if (!(ratio >= a.GetLength(0) * Singularity.Tolerance))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the matrix is singular: A·x = b has no unique solution (smallest/largest pivot of the row-scaled matrix {ratio:G3}, below {a.GetLength(0) * Singularity.Tolerance:G3})"));
        }

        const string Singular = "the matrix is singular: A·x = b has no unique solution";
        DenseLu lu = DenseLu.Factor(a);
        return lu.ZeroColumn >= 0 ? throw new UsageException(Singular) : Checked(lu.Solve(b), Singular);
    }

    /// <summary>The least-squares x = argmin ‖X·x − b‖ by MathNet's QR; a rank-deficient X is an input error that names the rank.</summary>
    /// <exception cref="UsageException">X has rank below its column count.</exception>
    public static double[] LeastSquares(double[,] x, double[] b)
    {
        int rank = Singularity.Rank(x);
        int columns = x.GetLength(1);
        if (rank < columns)
        {
            throw new UsageException($"the matrix has rank {rank} < {columns} columns: the least-squares solution is not unique");
        }

        return Checked(Matrix<double>.Build.DenseOfArray(x).QR().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray(), "the matrix is rank deficient: the least-squares solution is not unique");
    }

    private static string[] Columns(IEnumerable<string> nodes) => [.. nodes.Select(n => $"v({n})")];

    private static double[] Checked(double[] x, string message)
        => x.All(double.IsFinite) ? x : throw new UsageException(message);
}
