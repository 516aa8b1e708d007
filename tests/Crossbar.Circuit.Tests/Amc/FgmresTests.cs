using System.Diagnostics;
using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class FgmresTests
{
    [Test]
    public void When_Spd16WithCondition10_Expect_RefinementDivergesAndFgmresReaches2Pow24()
    {
        var a = MatrixGenerators.SpdWithCondition(16, 10, seed: 1);
        var b = AmcTestData.Rhs(16, 1);
        var options = HpInvTests.PaperLike(1, 64);
        var refine = HpInvSolver.Solve(a, b, options);
        var fgmres = HpInvSolver.Solve(a, b, options with { Outer = HpInvOuter.Fgmres });
        Assert.That(refine.SpectralRadius, Is.GreaterThanOrEqualTo(1.0));
        Assert.That(refine.Diverged, Is.True);
        Assert.That(refine.Message, Does.Contain("try --equilibrate rowcol, more --bits, or --outer fgmres"));
        Assert.That(fgmres.SpectralRadius, Is.EqualTo(refine.SpectralRadius), "the same arrays");
        Assert.That(fgmres.Diverged, Is.False, fgmres.Message);
        Assert.That(fgmres.Stop, Is.EqualTo(HpInvStop.Converged), fgmres.Message);
        Assert.That(fgmres.FinalRelativeError, Is.LessThan(Math.Pow(2.0, -24)));
        Assert.That(fgmres.Iterations[^1].RelativeResidual, Is.LessThanOrEqualTo(Math.Pow(2.0, -24)), "stopped by the HP-MVM residual");
        Assert.That(fgmres.Cost.InvOperations, Is.EqualTo(3 * (fgmres.Iterations.Count - 1)), "one LP-INV (3 INVs of a one-stage BlockAMC) per iteration row");
        Assert.That(fgmres.Cost.DigitalFlops, Is.GreaterThan(0), "Gram–Schmidt and the Hessenberg least squares are counted");
    }

    [Test]
    public void When_DiagonallyDominant_Expect_FgmresNeedsNoMoreLpinvCallsThanRefinement()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 3);
        var b = AmcTestData.Rhs(16, 3);
        var options = HpInvTests.PaperLike(5, 40);
        var refine = HpInvSolver.Solve(a, b, options);
        var fgmres = FgmresSolver.Solve(a, b, options);
        Assert.That(refine.Stop, Is.EqualTo(HpInvStop.Converged), refine.Message);
        Assert.That(fgmres.Stop, Is.EqualTo(HpInvStop.Converged), fgmres.Message);
        Assert.That(fgmres.Cost.InvOperations, Is.LessThanOrEqualTo(refine.Cost.InvOperations));
        Assert.That(fgmres.Iterations.Count, Is.LessThanOrEqualTo(refine.Iterations.Count));
    }

    [Test]
    public void When_RestartIsShorterThanTheSolve_Expect_ConvergenceAcrossRestarts()
    {
        var a = MatrixGenerators.SpdWithCondition(16, 10, seed: 1);
        var b = AmcTestData.Rhs(16, 1);
        var fgmres = FgmresSolver.Solve(a, b, HpInvTests.PaperLike(1, 64) with { Restart = 4 });
        Assert.That(fgmres.Stop, Is.EqualTo(HpInvStop.Converged), fgmres.Message);
        Assert.That(fgmres.Iterations.Count - 1, Is.GreaterThan(4));
    }

    [Test]
    public void When_IterationLimitIsReached_Expect_ThatManyLpinvCalls()
    {
        var a = MatrixGenerators.SpdWithCondition(16, 1000, seed: 1);
        var b = AmcTestData.Rhs(16, 1);
        var fgmres = FgmresSolver.Solve(a, b, HpInvTests.PaperLike(1, 5));
        Assert.That(fgmres.Stop, Is.EqualTo(HpInvStop.IterationLimit));
        Assert.That(fgmres.Iterations.Count - 1, Is.EqualTo(5));
    }

    [Test]
    public void When_OperatingPointFidelity8x8_Expect_ConvergedWithinTenSeconds()
    {
        var a = MatrixGenerators.SpdWithCondition(8, 10, seed: 2);
        var b = AmcTestData.Rhs(8, 2);
        var lp = new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 };
        var mvm = new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 };
        var options = new HpInvOptions
        {
            Backend = new CircuitAnalogBackend(Fidelity.OperatingPoint, lp, AmcTestData.IdealCircuit()),
            MvmBackend = new CircuitAnalogBackend(Fidelity.OperatingPoint, mvm, AmcTestData.IdealCircuit()),
            MaxIterations = 40,
            Seed = 3,
            Outer = HpInvOuter.Fgmres,
            Equilibrate = EquilibrationKind.RowColumn,
        };
        var clock = Stopwatch.StartNew();
        var result = HpInvSolver.Solve(a, b, options);
        Assert.That(result.Stop, Is.EqualTo(HpInvStop.Converged), result.Message);
        Assert.That(result.FinalRelativeError, Is.LessThan(Math.Pow(2.0, -22)));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(10.0));
    }
}
