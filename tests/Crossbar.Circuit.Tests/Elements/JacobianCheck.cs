using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>
/// Loads a compiled circuit at a chosen iterate x and reads back what the elements stamped: the Newton matrix M(x) and
/// the residual F(x) = M(x)·x − rhs(x). For the companion (Norton) models every element loads, F is the true KCL (and
/// branch) residual at x: row i of F is the current leaving node i into the elements. The Jacobian check compares M
/// with central finite differences of F; stamp tests compare F with the device model's current.
/// </summary>
/// <remarks>
/// Junction limiting (pnjlim, fetlim, limvds) would evaluate a device at a voltage other than x. Each evaluation
/// therefore loads at x repeatedly until no element reports a limited voltage: the elements' Newton history then
/// equals x and the last load is the unlimited linearisation at x.
/// </remarks>
internal sealed class StampProbe
{
    private readonly Crossbar.Circuit.Engine.Circuit _circuit;

    /// <summary>Flattens and compiles the netlist.</summary>
    public StampProbe(Netlist netlist)
    {
        var elements = CircuitCompiler.CreateElements(SubcircuitFlattener.Flatten(netlist));
        _circuit = new Crossbar.Circuit.Engine.Circuit(elements, new SimulationOptions());
    }

    /// <summary>Number of unknowns.</summary>
    public int Size => _circuit.Size;

    /// <summary>Index of a node's unknown.</summary>
    public int Index(string node) => _circuit.Unknowns.FindNode(node) ?? throw new ArgumentException($"no node {node}", nameof(node));

    /// <summary>Name of unknown i.</summary>
    public string NameOf(int i) => _circuit.Unknowns.NameOf(i);

    /// <summary>The iterate given by a function of (name, index).</summary>
    public double[] Iterate(Func<string, int, double> value)
    {
        var x = new double[Size];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = value(NameOf(i), i);
        }

        return x;
    }

    /// <summary>Loads at x (limiting settled) and returns the dense M(x) and the residual F(x).</summary>
    public (double[,] Matrix, double[] Residual) LoadAt(double[] x)
    {
        int n = Size;
        LoadContext load = _circuit.Load;
        for (int attempt = 0; ; attempt++)
        {
            Array.Copy(x, load.Solution, n);
            _circuit.LoadAll(0);
            if (!load.Limited)
            {
                break;
            }

            if (attempt == 200)
            {
                throw new InvalidOperationException("junction limiting did not settle at the iterate in 200 loads");
            }
        }

        var m = new double[n, n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            f[i] = -load.Rhs[i];
        }

        int[] rows = _circuit.Pattern.Rows;
        int[] cols = _circuit.Pattern.Columns;
        for (int h = 1; h < rows.Length; h++)
        {
            if (rows[h] < n && cols[h] < n)
            {
                m[rows[h], cols[h]] += load.Matrix[h];
                f[rows[h]] += load.Matrix[h] * x[cols[h]];
            }
        }

        return (m, f);
    }

    /// <summary>
    /// Largest relative mismatch |J − J_fd| / (|J_fd| + floor + 1e-7·max|J_row|) over all entries at x, with the place
    /// where it occurred (the row term absorbs the round-off of differencing large residuals).
    /// </summary>
    public (double Worst, string Where) WorstMismatch(double[] x, double step = 1e-5, double floor = 1e-9)
    {
        int n = Size;
        double[,] analytic = LoadAt(x).Matrix;
        var rowScale = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                rowScale[i] = Math.Max(rowScale[i], Math.Abs(analytic[i, j]));
            }
        }

        double worst = 0;
        string where = "nowhere";
        for (int j = 0; j < n; j++)
        {
            double h = step * Math.Max(1, Math.Abs(x[j]));
            double[] shifted = (double[])x.Clone();
            shifted[j] = x[j] + h;
            double[] plus = LoadAt(shifted).Residual;
            shifted[j] = x[j] - h;
            double[] minus = LoadAt(shifted).Residual;
            for (int i = 0; i < n; i++)
            {
                double fd = (plus[i] - minus[i]) / (2 * h);
                double mismatch = Math.Abs(analytic[i, j] - fd) / (Math.Abs(fd) + floor + (1e-7 * rowScale[i]));
                if (mismatch > worst)
                {
                    worst = mismatch;
                    where = $"row {NameOf(i)}, column {NameOf(j)}: loaded {analytic[i, j]:G6}, finite difference {fd:G6}";
                }
            }
        }

        return (worst, where);
    }
}

/// <summary>The Jacobian check of <see cref="StampProbe"/> in one call.</summary>
internal static class JacobianCheck
{
    /// <summary>Where the worst mismatch of the last check was.</summary>
    public static string Worst { get; private set; } = string.Empty;

    /// <summary>Largest relative mismatch of the loaded Jacobian against central finite differences of the residual at
    /// the iterate (see <see cref="StampProbe.WorstMismatch"/>).</summary>
    public static double WorstMismatch(Netlist netlist, Func<string, int, double> iterate, double step = 1e-5, double floor = 1e-9)
    {
        var probe = new StampProbe(netlist);
        (double worst, string where) = probe.WorstMismatch(probe.Iterate(iterate), step, floor);
        Worst = where;
        return worst;
    }
}
