using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>
/// Compares the Newton Jacobian a circuit loads with central finite differences of its residual
/// F(x) = M(x)·x − rhs(x), which is the true KCL/branch residual at x for every element.
/// </summary>
internal static class JacobianCheck
{
    /// <summary>Where the worst mismatch of the last check was.</summary>
    public static string Worst { get; private set; } = string.Empty;

    /// <summary>Largest relative mismatch |J − J_fd| / (|J_fd| + floor + 1e-7·max|J_row|) over all entries, at
    /// iterate x (the row term absorbs the round-off of differencing large residuals).</summary>
    public static double WorstMismatch(Netlist netlist, Func<string, int, double> iterate, double step = 1e-5, double floor = 1e-9)
    {
        var elements = CircuitCompiler.CreateElements(SubcircuitFlattener.Flatten(netlist));
        var circuit = new Crossbar.Circuit.Engine.Circuit(elements, new SimulationOptions());
        int n = circuit.Size;
        double[] x = circuit.Load.Solution;
        for (int i = 0; i < n; i++)
        {
            x[i] = iterate(circuit.Unknowns.NameOf(i), i);
        }

        double[] x0 = x.ToArray();
        double[,] analytic = Matrix(circuit, x0);
        var rowScale = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                rowScale[i] = Math.Max(rowScale[i], Math.Abs(analytic[i, j]));
            }
        }

        double worst = 0;
        for (int j = 0; j < n; j++)
        {
            double h = step * Math.Max(1, Math.Abs(x0[j]));
            double[] plus = Residual(circuit, x0, j, h);
            double[] minus = Residual(circuit, x0, j, -h);
            for (int i = 0; i < n; i++)
            {
                double fd = (plus[i] - minus[i]) / (2 * h);
                double mismatch = Math.Abs(analytic[i, j] - fd) / (Math.Abs(fd) + floor + (1e-7 * rowScale[i]));
                if (mismatch > worst)
                {
                    Worst = $"row {circuit.Unknowns.NameOf(i)}, column {circuit.Unknowns.NameOf(j)}: loaded {analytic[i, j]:G6}, finite difference {fd:G6}";
                }

                worst = Math.Max(worst, mismatch);
            }
        }

        return worst;
    }

    private static double[,] Matrix(Crossbar.Circuit.Engine.Circuit circuit, double[] x0)
    {
        int n = circuit.Size;
        Array.Copy(x0, circuit.Load.Solution, x0.Length);
        circuit.LoadAll(0);
        var a = new double[n, n];
        int[] rows = circuit.Pattern.Rows;
        int[] cols = circuit.Pattern.Columns;
        for (int h = 1; h < rows.Length; h++)
        {
            if (rows[h] < n && cols[h] < n)
            {
                a[rows[h], cols[h]] += circuit.Load.Matrix[h];
            }
        }

        return a;
    }

    private static double[] Residual(Crossbar.Circuit.Engine.Circuit circuit, double[] x0, int j, double h)
    {
        int n = circuit.Size;
        double[] x = circuit.Load.Solution;
        Array.Copy(x0, x, x0.Length);
        x[j] += h;
        circuit.LoadAll(0);
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            f[i] = -circuit.Load.Rhs[i];
        }

        int[] rows = circuit.Pattern.Rows;
        int[] cols = circuit.Pattern.Columns;
        for (int k = 1; k < rows.Length; k++)
        {
            if (rows[k] < n)
            {
                f[rows[k]] += circuit.Load.Matrix[k] * x[cols[k]];
            }
        }

        return f;
    }
}
