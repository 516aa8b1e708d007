using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class IdealBackendTests
{
    [Test]
    public void When_ContinuousAndExact_Expect_RealizedEqualsMatrix()
    {
        var a = MatrixGenerators.DiagonallyDominant(8, seed: 1);
        var array = AmcTestData.Exact().Program(a, 0, 1);
        Assert.That(AmcTestData.MaxAbsDiff(array.Realized, a), Is.LessThan(1e-12));
    }

    [Test]
    public void When_ThreeBitLevels_Expect_RealizedOnTheSevenStepGrid()
    {
        var a = MatrixGenerators.DiagonallyDominant(8, seed: 1);
        var array = AmcTestData.Exact().Program(a, 3, 1);
        double max = 0;
        foreach (double v in a)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        foreach (double v in array.Realized)
        {
            double steps = v / max * 7.0;
            Assert.That(steps, Is.EqualTo(Math.Round(steps)).Within(1e-9));
        }

        Assert.That(AmcTestData.MaxAbsDiff(array.Realized, a), Is.LessThanOrEqualTo((0.5 * max / 7.0) + 1e-12));
    }

    [Test]
    public void When_ProgrammingErrorIsSeeded_Expect_SameSeedSameArrayAndErrorOfTheRightSize()
    {
        var backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02 });
        var a = MatrixGenerators.DiagonallyDominant(8, seed: 1);
        var r1 = backend.Program(a, 0, 11).Realized;
        var r2 = backend.Program(a, 0, 11).Realized;
        var r3 = backend.Program(a, 0, 12).Realized;
        Assert.That(AmcTestData.MaxAbsDiff(r1, r2), Is.EqualTo(0.0));
        Assert.That(AmcTestData.MaxAbsDiff(r1, r3), Is.GreaterThan(0.0));
        Assert.That(AmcTestData.MaxAbsDiff(r1, a), Is.GreaterThan(0.0).And.LessThan(0.02 * 5 * 12));
    }

    [Test]
    public void When_MultiplyAndSolveAreCounted_Expect_OperationsAndConversionsPerLine()
    {
        var counter = new AmcCostCounter();
        var a = MatrixGenerators.DiagonallyDominant(8, seed: 1);
        var array = CountingArray.Program(AmcTestData.Exact(), a, 0, 1, counter);
        var x = AmcTestData.Rhs(8, 1);
        var y = array.Multiply(x);
        double s = y.Values.Max(Math.Abs);
        var z = array.Solve(y.Values.Select(v => v / s).ToArray());
        Assert.That(z.Values.Select(v => v * s).ToArray(), Is.EqualTo(x).Within(1e-12));
        Assert.That(y.Saturated || z.Saturated, Is.False);
        Assert.That(counter.MvmOperations, Is.EqualTo(1));
        Assert.That(counter.InvOperations, Is.EqualTo(1));
        Assert.That(counter.DacConversions, Is.EqualTo(16));
        Assert.That(counter.AdcConversions, Is.EqualTo(16));
        Assert.That(counter.AnalogTime, Is.EqualTo(180e-9).Within(1e-18));
        Assert.That(counter.ProgrammedCells, Is.EqualTo(128));
        Assert.That(new EnergyModel().Estimate(counter), Is.GreaterThan(0.0));
    }

    [Test]
    public void When_ConvertersQuantise_Expect_ErrorWithinHalfAnLsb()
    {
        var a = MatrixGenerators.DiagonallyDominant(8, seed: 1);
        var exact = AmcTestData.Exact().Program(a, 0, 1);
        var coarse = new IdealAnalogBackend(new AnalogBackendOptions { DacBits = 6, AdcBits = 6 }).Program(a, 0, 1);
        var x = AmcTestData.Rhs(8, 2);
        var ye = exact.Multiply(x).Values;
        var yq = coarse.Multiply(x).Values;
        double rowSum = 0;
        for (int i = 0; i < 8; i++)
        {
            double s = 0;
            for (int j = 0; j < 8; j++)
            {
                s += Math.Abs(a[i, j]);
            }

            rowSum = Math.Max(rowSum, s);
        }

        double bound = (rowSum * 0.5 / 31.0) + (0.5 * rowSum / 31.0);
        for (int i = 0; i < 8; i++)
        {
            Assert.That(Math.Abs(yq[i] - ye[i]), Is.LessThanOrEqualTo(bound));
        }

        Assert.That(yq, Is.Not.EqualTo(ye));
    }

    [Test]
    public void When_FidelityIsOperatingPointOrTransient_Expect_CircuitBackend()
    {
        Assert.That(AnalogBackendFactory.Create(Fidelity.OperatingPoint), Is.TypeOf<CircuitAnalogBackend>().And.Property("Fidelity").EqualTo(Fidelity.OperatingPoint));
        Assert.That(AnalogBackendFactory.Create(Fidelity.Transient), Is.TypeOf<CircuitAnalogBackend>().And.Property("Fidelity").EqualTo(Fidelity.Transient));
        Assert.That(AnalogBackendFactory.Create(Fidelity.Ideal), Is.TypeOf<IdealAnalogBackend>());
    }
}
