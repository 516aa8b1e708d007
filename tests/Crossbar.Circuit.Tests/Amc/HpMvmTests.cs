using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class HpMvmTests
{
    [TestCase(0.0, 0)]
    [TestCase(0.005, 8)]
    public void When_SlicedProductIsComputed_Expect_AxToTheSlicingPrecision(double sigma, int converterBits)
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 5);
        var x = AmcTestData.Rhs(16, 5);
        var sliced = BitSlicedMatrix.Create(a, 3, 9);
        var backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = sigma, DacBits = converterBits, AdcBits = converterBits });
        var counter = new AmcCostCounter();
        var mvm = new HighPrecisionMvm(sliced, backend, 8, new HpMvmOptions(), new SeedSequence(1, 2), counter);
        var y = mvm.Multiply(x, out double t);
        var exact = new double[16];
        double norm = 0;
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 16; j++)
            {
                exact[i] += a[i, j] * x[j];
            }
        }

        foreach (double v in exact)
        {
            norm = Math.Max(norm, Math.Abs(v));
        }

        // Slicing error ≤ u/2 per entry times Σ|x_j|, input quantisation 2^-32 relative.
        double bound = (0.5 * sliced.Unit * x.Sum(Math.Abs)) + (1e-9 * norm);
        for (int i = 0; i < 16; i++)
        {
            Assert.That(Math.Abs(y[i] - exact[i]), Is.LessThanOrEqualTo(bound), $"row {i}");
        }

        Assert.That(counter.MvmOperations, Is.EqualTo(9 * 4 * 32), "9 slices × 4 tiles × 32 input bits");
        Assert.That(t, Is.EqualTo(9 * 4 * 32 * 60e-9).Within(1e-12));
    }

    [Test]
    public void When_PartialProductsAreNotRounded_Expect_ProgrammingErrorToShow()
    {
        var a = MatrixGenerators.DiagonallyDominant(8, seed: 5);
        var x = AmcTestData.Rhs(8, 5);
        var sliced = BitSlicedMatrix.Create(a, 3, 9);
        var backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.005 });
        var rounded = new HighPrecisionMvm(sliced, backend, 8, new HpMvmOptions(), new SeedSequence(1, 2), new AmcCostCounter()).Multiply(x, out _);
        var raw = new HighPrecisionMvm(sliced, backend, 8, new HpMvmOptions { RoundPartialProducts = false }, new SeedSequence(1, 2), new AmcCostCounter()).Multiply(x, out _);
        var exact = new double[8];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                exact[i] += a[i, j] * x[j];
            }
        }

        Assert.That(AmcTestData.RelErr(rounded, exact), Is.LessThan(1e-8));
        Assert.That(AmcTestData.RelErr(raw, exact), Is.GreaterThan(1e-4));
    }
}
