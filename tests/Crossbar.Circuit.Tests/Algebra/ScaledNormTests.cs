using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Tests.Algebra;

public class ScaledNormTests
{
    [TestCase(1e160)]
    [TestCase(1e-200)]
    [TestCase(1.0)]
    public void When_EntriesAreHugeOrTiny_Expect_TheScaledEuclideanNorm(double scale)
    {
        double[] v = [3 * scale, 4 * scale];

        Assert.That(ScaledNorm.Of(v), Is.EqualTo(5 * scale).Within(1e-15 * 5 * scale));
        Assert.That(ScaledNorm.RelativeError([3.3 * scale, 4 * scale], v), Is.EqualTo(0.06).Within(1e-12));
    }

    [Test]
    public void When_SingularOrBadlyScaled_Expect_OnlyTheSingularOneFlagged()
    {
        Assert.That(Singularity.IsSingular(new double[,] { { 1, 2 }, { 2, 4 } }), Is.True);
        Assert.That(Singularity.IsSingular(new double[,] { { 0, 0 }, { 0, 0 } }), Is.True);
        Assert.That(Singularity.IsSingular(new double[,] { { 1e200, 1e198 }, { 1e198, 1e200 } }), Is.False);
        Assert.That(Singularity.IsSingular(new double[,] { { 1e-200, 1e-202 }, { 1e-202, 1e-200 } }), Is.False);
        Assert.That(Singularity.Rank(new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 } }), Is.EqualTo(1));
        Assert.That(Singularity.Rank(new double[,] { { 1, 2 }, { 2, 5 }, { 3, 6 } }), Is.EqualTo(2));
    }
}
