using System.Numerics;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Tests.Builders;
using Crossbar.Devices.OpAmps;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Algebra;

public class RightmostEigenvaluesTests
{
    [Test]
    public void When_RightmostSitsInADenseCloud_Expect_TheFullSpectrumAnswerAnyway()
    {
        // Strong coupling makes the spectrum a complex cloud whose rightmost point Arnoldi resolves
        // slowly: Of falls back to the QR algorithm instead of returning an unconverged estimate.
        const int n = 300;
        var random = new Random(5);
        Matrix<double> a = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? -Math.Pow(100, random.NextDouble()) : 0.3 * (random.NextDouble() - 0.5));
        Complex expected = a.Evd().EigenValues.MaxBy(z => z.Real);
        Complex[] found = RightmostEigenvalues.Of(a, 1);
        Assert.That(found[0].Real, Is.EqualTo(expected.Real).Within(1e-9 * 100));
    }

    [Test]
    public void When_RightmostIsAComplexPairInTheRightHalfPlane_Expect_ItIsFound()
    {
        // An unstable oscillation hidden among stable real modes: the test a stability check exists for.
        const int n = 300;
        var random = new Random(4);
        Matrix<double> a = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? -1 - (10 * random.NextDouble()) : 0.01 * (random.NextDouble() - 0.5));
        a[7, 7] = 0.5;
        a[7, 8] = -20;
        a[8, 7] = 20;
        a[8, 8] = 0.5;
        Complex[] arnoldi = RightmostEigenvalues.Arnoldi(a, 2, out bool converged);
        Assert.That(converged, Is.True);
        Assert.That(arnoldi[0].Real, Is.GreaterThan(0.4));
        Assert.That(Math.Abs(arnoldi[0].Imaginary), Is.EqualTo(20).Within(0.5));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void When_InvLoopOf160Rows_Expect_ArnoldiDominantPoleEqualsTheFullSpectrumOne(bool signed)
    {
        // 160 rows: 160 or 320 states, above the dense limit when signed. Both paths on the same loop model.
        const int n = 160;
        double[,] matrix = InvCircuitTests.DiagonallyDominant(n, 3, signed);
        CrossbarBuildOptions options = InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithSinglePole(1e5, 16e6) };
        ConductanceMapping mapping = ConductanceMapping.Program(matrix, options);
        OpAmpLoopModel loop = InvCircuitBuilder.LoopModel(mapping, 0, options);
        Complex dense = loop.Poles(options.OpAmp).MaxBy(p => p.Real);
        Complex[] arnoldi = RightmostEigenvalues.Arnoldi(loop.StateMatrix(options.OpAmp), 2, out bool converged);
        Assert.That(converged, Is.True);
        Assert.That(arnoldi[0].Real, Is.EqualTo(dense.Real).Within(1e-6).Percent);
    }
}
