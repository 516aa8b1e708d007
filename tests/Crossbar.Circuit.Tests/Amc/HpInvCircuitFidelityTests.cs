using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class HpInvCircuitFidelityTests
{
    [Test]
    public void When_OperatingPointFidelityWith2PercentProgrammingError_Expect_Below2Pow24Within15Iterations()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 3);
        var b = AmcTestData.Rhs(16, 3);
        var lp = new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 };
        var mvm = new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 };
        var options = new HpInvOptions
        {
            Backend = new CircuitAnalogBackend(Fidelity.OperatingPoint, lp, AmcTestData.IdealCircuit()),
            MvmBackend = new CircuitAnalogBackend(Fidelity.OperatingPoint, mvm, AmcTestData.IdealCircuit()),
            MaxIterations = 15,
            Seed = 5,
        };
        HpInvResult op = HpInvSolver.Solve(a, b, options);
        HpInvResult ideal = HpInvSolver.Solve(a, b, options with { Backend = new IdealAnalogBackend(lp), MvmBackend = new IdealAnalogBackend(mvm) });
        Assert.That(op.Diverged, Is.False, op.Message);
        Assert.That(op.FinalRelativeError, Is.LessThan(Math.Pow(2.0, -24)));
        Assert.That(op.IterationsToTarget, Is.Not.Null.And.LessThanOrEqualTo(15));
        for (int k = 1; k < Math.Min(op.Iterations.Count, 6); k++)
        {
            Assert.That(op.Iterations[k].RelativeError, Is.EqualTo(ideal.Iterations[k].RelativeError).Within(1e-3).Percent,
                $"iteration {k}: circuit (op) and ideal fidelity run the same algorithm on the same conductances");
        }
    }
}
