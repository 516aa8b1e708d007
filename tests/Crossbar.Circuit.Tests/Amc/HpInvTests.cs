using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class HpInvTests
{
    internal static HpInvOptions PaperLike(int seed, int maxIterations = 15, SliceRounding rounding = SliceRounding.Round) => new()
    {
        Backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 }),
        MvmBackend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 }),
        MaxIterations = maxIterations,
        Rounding = rounding,
        Seed = seed,
    };

    [Test]
    public void When_WellConditioned16x16With2PercentProgrammingError_Expect_Below2Pow24Within15Iterations()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 3);
        var b = AmcTestData.Rhs(16, 3);
        var result = HpInvSolver.Solve(a, b, PaperLike(5));
        Assert.That(result.Stages, Is.EqualTo(1));
        Assert.That(result.Diverged, Is.False, result.Message);
        Assert.That(result.FinalRelativeError, Is.LessThan(Math.Pow(2.0, -24)));
        Assert.That(result.IterationsToTarget, Is.Not.Null.And.LessThanOrEqualTo(15));
        Assert.That(result.Iterations[0].RelativeError, Is.EqualTo(1.0));
        Assert.That(result.Iterations[1].SettleTime, Is.EqualTo((3 * 120e-9) + (result.Iterations[1].MvmOperations * 60e-9)).Within(1e-12),
            "one-stage BlockAMC: 3 INV + 2 MVM, then every HP-MVM partial product (60 ns each)");
        Assert.That(result.Iterations[1].MvmOperations, Is.GreaterThan(2), "the HP-MVM's bit-serial partial products are counted in the iteration");

        // Error contracts about as fast as ρ predicts (geometric mean over the first 8 iterations).
        double rate = Math.Pow(result.Iterations[8].RelativeError / result.Iterations[0].RelativeError, 1.0 / 8.0);
        Assert.That(rate, Is.InRange(0.3 * result.SpectralRadius, 1.5 * result.SpectralRadius));
    }

    [Test]
    public void When_SpectralRadiusIsAtLeastOne_Expect_DivergenceReportedAndNoIterations()
    {
        var a = MatrixGenerators.SpdWithCondition(16, 1000, seed: 1);
        var b = AmcTestData.Rhs(16, 1);
        var result = HpInvSolver.Solve(a, b, PaperLike(1));
        Assert.That(result.SpectralRadius, Is.GreaterThanOrEqualTo(1.0));
        Assert.That(result.Diverged, Is.True);
        Assert.That(result.Message, Does.Contain("ρ"));
        Assert.That(result.Iterations, Has.Count.EqualTo(1));
    }

    [Test]
    public void When_DivergenceIsNotPredictedAway_Expect_ResidualGrowthStopsTheRun()
    {
        var a = MatrixGenerators.SpdWithCondition(16, 1000, seed: 1);
        var b = AmcTestData.Rhs(16, 1);
        var result = HpInvSolver.Solve(a, b, PaperLike(1, 200) with { StopOnPredictedDivergence = false });
        Assert.That(result.Diverged, Is.True);
        Assert.That(result.Iterations.Count, Is.LessThan(200));
        Assert.That(result.Message, Does.Contain("residual norm"));
    }

    [Test]
    public void When_TopSliceIsTruncatedInsteadOfRounded_Expect_LargerRhoAndMoreIterations()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 3);
        var b = AmcTestData.Rhs(16, 3);
        var round = HpInvSolver.Solve(a, b, PaperLike(5, 40));
        var trunc = HpInvSolver.Solve(a, b, PaperLike(5, 40, SliceRounding.Truncate));
        Assert.That(trunc.SpectralRadius, Is.GreaterThan(round.SpectralRadius));
        Assert.That(trunc.IterationsToTarget ?? int.MaxValue, Is.GreaterThan(round.IterationsToTarget!.Value));
    }
}
