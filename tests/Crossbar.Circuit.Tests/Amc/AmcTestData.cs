using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

internal static class AmcTestData
{
    public static double[] Rhs(int n, int seed)
    {
        var rng = Crossbar.Devices.SeededRandom.Create(seed, 7);
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = (2.0 * rng.NextDouble()) - 1.0;
        }

        return b;
    }

    public static IdealAnalogBackend Exact() => new(new AnalogBackendOptions());

    /// <summary>Circuits with nothing but the conductances: 1R cells, ideal wires, the given op-amps (ideal by default).</summary>
    public static Crossbar.Circuit.Builders.CrossbarBuildOptions IdealCircuit(Crossbar.Devices.OpAmps.OpAmpModel? opAmp = null) => new()
    {
        Cell = Crossbar.Circuit.Netlists.CrossbarCellKind.Resistor,
        Wires = Crossbar.Devices.Wires.WireModel.Ideal,
        OpAmp = opAmp ?? Crossbar.Devices.OpAmps.OpAmpModel.Ideal(),
    };

    public static double MaxAbsDiff(double[,] a, double[,] b)
    {
        double m = 0.0;
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                m = Math.Max(m, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return m;
    }

    public static double RelErr(double[] x, double[] r)
    {
        double n = 0, d = 0;
        for (int i = 0; i < x.Length; i++)
        {
            n += (x[i] - r[i]) * (x[i] - r[i]);
            d += r[i] * r[i];
        }

        return Math.Sqrt(n / d);
    }
}
