using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class HpInvTests
{
    private static double[] Rhs(int n, int seed)
    {
        var rng = Crossbar.Devices.SeededRandom.Create(seed, 7);
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = (2.0 * rng.NextDouble()) - 1.0;
        }

        return b;
    }

    [Test]
    public void When_WellConditioned16x16With2PercentProgrammingError_Expect_Below2Pow24Within15Iterations()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 3);
        var b = Rhs(16, 3);
        var options = new HpInvOptions
        {
            Backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 }),
            MvmBackend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 }),
            MaxIterations = 15,
            Seed = 5,
        };
        var result = HpInvSolver.Solve(a, b, options);
        foreach (var it in result.Iterations)
        {
            TestContext.Out.WriteLine($"{it.Iteration} {it.RelativeError:G4} {it.ResidualNorm:G4} {it.SettleTime:G4} {it.MvmOperations} {it.AdcConversions}");
        }

        TestContext.Out.WriteLine($"rho {result.SpectralRadius:G4} stages {result.Stages}");
        Assert.That(result.Stages, Is.EqualTo(1));
        Assert.That(result.Diverged, Is.False, result.Message);
        Assert.That(result.FinalRelativeError, Is.LessThan(Math.Pow(2.0, -24)));
        Assert.That(result.IterationsToTarget, Is.Not.Null.And.LessThanOrEqualTo(15));
    }
}
