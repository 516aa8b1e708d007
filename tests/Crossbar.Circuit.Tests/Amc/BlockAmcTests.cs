using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class BlockAmcTests
{
    [TestCase(16, 1)]
    [TestCase(32, 2)]
    [TestCase(13, 1)]
    public void When_BlocksAreExact_Expect_DirectSolveTo1e12(int n, int stages)
    {
        var a = MatrixGenerators.DiagonallyDominant(n, seed: n);
        var b = AmcTestData.Rhs(n, n);
        var counter = new AmcCostCounter();
        var solver = BlockAmcSolver.Program(a, AmcTestData.Exact(), new BlockAmcOptions { ArraySize = 8, BlockBits = 0, SchurBits = 0 }, new SeedSequence(1, 1), counter);
        var x = solver.Solve(b, out double t);
        var reference = HpInvSolver.Reference(a, b);
        Assert.That(solver.Stages, Is.EqualTo(stages));
        Assert.That(AmcTestData.RelErr(x, reference), Is.LessThan(1e-12));
        Assert.That(solver.SchurComplements.Count, Is.EqualTo(counter.SchurComplementsProgrammed).And.GreaterThan(0));
        Assert.That(t, Is.GreaterThan(0.0));
    }

    [Test]
    public void When_EffectiveInverseOfExactBlocks_Expect_TheInverse()
    {
        var a = MatrixGenerators.SpdWithCondition(16, 20, seed: 2);
        var solver = BlockAmcSolver.Program(a, AmcTestData.Exact(), new BlockAmcOptions { BlockBits = 0, SchurBits = 0 }, new SeedSequence(1, 1), new AmcCostCounter());
        var product = solver.EffectiveInverse() * MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a);
        var identity = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(16);
        Assert.That((product - identity).InfinityNorm(), Is.LessThan(1e-11));
    }

    [Test]
    public void When_SingleShotAtThreeBits_Expect_OnlyAFewBits()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 3);
        var b = AmcTestData.Rhs(16, 3);
        var backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 });
        var r = SingleShotInv.Solve(a, b, backend, 8, 3, 1);
        Assert.That(r.RelativeError, Is.InRange(1e-3, 0.3));
    }
}
