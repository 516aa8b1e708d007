using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

/// <summary>BlockAMC applied recursively: any N on arrays of any size, HP-INV to 2⁻²⁴ through several stages.</summary>
public class RecursiveBlockAmcTests
{
    private static HpInvOptions PaperLike(int arraySize) => new()
    {
        Backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 }),
        MvmBackend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 }),
        ArraySize = arraySize,
        MaxIterations = 20,
        Seed = 5,
    };

    [TestCase(32, 8, 2)]
    [TestCase(64, 8, 3)]
    [TestCase(32, 4, 3)]
    [TestCase(64, 16, 2)]
    public void When_HpInvRunsThroughSeveralBlockAmcStages_Expect_2Pow24(int n, int arraySize, int stages)
    {
        var a = MatrixGenerators.DiagonallyDominant(n, seed: n);
        var b = AmcTestData.Rhs(n, n);
        var result = HpInvSolver.Solve(a, b, PaperLike(arraySize));
        Assert.That(result.Stages, Is.EqualTo(stages));
        Assert.That(result.Stop, Is.EqualTo(HpInvStop.Converged), result.Message);
        Assert.That(result.FinalRelativeError, Is.LessThan(Math.Pow(2, -24)));
        Assert.That(result.Cost.SchurComplementsProgrammed, Is.EqualTo((1 << stages) - 1), "one Schur complement per split, programmed once");
    }

    [TestCase(64, 3)]
    [TestCase(100, 4)]
    [TestCase(37, 3)]
    public void When_BlocksAreExact_Expect_AnyNSolvedDirectlyAtAnyDepth(int n, int stages)
    {
        var a = MatrixGenerators.DiagonallyDominant(n, seed: n);
        var b = AmcTestData.Rhs(n, n);
        var solver = BlockAmcSolver.Program(a, AmcTestData.Exact(), new BlockAmcOptions { ArraySize = 8, BlockBits = 0, SchurBits = 0 }, new SeedSequence(1, 1), new AmcCostCounter());
        var x = solver.Solve(b, out _);
        Assert.That(solver.Stages, Is.EqualTo(stages));
        Assert.That(AmcTestData.RelErr(x, HpInvSolver.Reference(a, b)), Is.LessThan(1e-11));
    }
}
