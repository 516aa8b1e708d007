using Crossbar.Circuit.Amc;
using Crossbar.Devices.OpAmps;

namespace Crossbar.Circuit.Tests.Amc;

public class FidelityAgreementTests
{
    private static double[,] Matrix(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                {
                    a[i, j] = (rng.NextDouble() * 2) - 1;
                    sum += Math.Abs(a[i, j]);
                }
            }

            a[i, i] = sum + 1;
        }

        return a;
    }

    [TestCase(0)]
    [TestCase(3)]
    public void When_IdealDevicesAndOpAmps_Expect_OperatingPointEqualsIdealFidelity(int bits)
    {
        var options = new AnalogBackendOptions();
        IProgrammedArray ideal = new IdealAnalogBackend(options).Program(Matrix(6, 1), bits, 7);
        IProgrammedArray op = new CircuitAnalogBackend(Fidelity.OperatingPoint, options, AmcTestData.IdealCircuit()).Program(Matrix(6, 1), bits, 7);
        double[] x = [0.5, -0.25, 1, -1, 0.125, 0.75];
        double[] yIdeal = ideal.Multiply(x).Values;
        double[] yOp = op.Multiply(x).Values;
        double[] sIdeal = ideal.Solve(x).Values;
        double[] sOp = op.Solve(x).Values;
        for (int i = 0; i < x.Length; i++)
        {
            Tolerance.AssertClose(yOp[i], yIdeal[i], 1e-9, 1e-12, $"MVM y[{i}]");
            Tolerance.AssertClose(sOp[i], sIdeal[i], 1e-9, 1e-12, $"INV x[{i}]");
        }
    }

    [Test]
    public void When_ReadNoiseWithSameSeed_Expect_OperatingPointSeesTheSameNoisyConductances()
    {
        var options = new AnalogBackendOptions { ReadNoiseSigma = 0.02 };
        IProgrammedArray ideal = new IdealAnalogBackend(options).Program(Matrix(5, 4), 3, 11);
        IProgrammedArray op = new CircuitAnalogBackend(Fidelity.OperatingPoint, options, AmcTestData.IdealCircuit()).Program(Matrix(5, 4), 3, 11);
        double[] x = [0.5, -0.25, 1, -1, 0.125];
        for (int read = 0; read < 3; read++)
        {
            double[] yIdeal = ideal.Multiply(x).Values;
            double[] yOp = op.Multiply(x).Values;
            for (int i = 0; i < x.Length; i++)
            {
                Tolerance.AssertClose(yOp[i], yIdeal[i], 1e-9, 1e-12, $"read {read}, y[{i}]");
            }
        }

        double first = ideal.Multiply(x).Values[0];
        double second = ideal.Multiply(x).Values[0];
        Assert.That(second, Is.Not.EqualTo(first), "each read draws new noise");
    }

    [Test]
    public void When_SinglePoleTransient_Expect_FinalValueOfFiniteGainAndSettlingTime()
    {
        var options = new AnalogBackendOptions();
        IProgrammedArray ideal = new IdealAnalogBackend(options).Program(Matrix(4, 2), 0, 3);
        IProgrammedArray tran = new CircuitAnalogBackend(Fidelity.Transient, options, AmcTestData.IdealCircuit(OpAmpModel.WithSinglePole(1e7, 16e6))).Program(Matrix(4, 2), 0, 3);
        double[] b = [1, -0.5, 0.25, 0.5];
        AnalogResult result = tran.Solve(b);
        double[] expected = ideal.Solve(b).Values;
        double largest = expected.Max(Math.Abs);
        for (int i = 0; i < b.Length; i++)
        {
            // The window is 10 loop time constants: every output is within e⁻¹⁰ ≈ 4.5e-5 of the largest step of its final value.
            Tolerance.AssertClose(result.Values[i], expected[i], 1e-4, 1e-4 * largest, $"x[{i}] after 10 τ");
        }

        Assert.That(result.SettleTime, Is.GreaterThan(1e-9).And.LessThan(1e-6), "settling time of a 16 MHz loop in s");
    }
}
