using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class BitSlicedMatrixTests
{
    [Test]
    public void When_EntriesAreMultiplesOfTheUnit_Expect_ExactReconstruction()
    {
        // 4 slices of 3 bits: u = max/(7·8^3); integer multiples of u up to 7·8^3 = 3584 are representable.
        var a = new double[,] { { 3584, -1, 513 }, { 0, -3584, 2047 }, { 7, 8, -4095 / 2.0 + 0.5 } };
        foreach (var rounding in new[] { SliceRounding.Round, SliceRounding.Truncate })
        {
            var s = BitSlicedMatrix.Create(a, 3, 4, rounding);
            Assert.That(s.Unit, Is.EqualTo(1.0));
            Assert.That(AmcTestData.MaxAbsDiff(s.Reconstruct(), a), Is.EqualTo(0.0));
            Assert.That(s.ResidualError, Is.EqualTo(0.0));
        }
    }

    [TestCase(SliceRounding.Round, 0.5)]
    [TestCase(SliceRounding.Truncate, 1.0)]
    public void When_RandomMatrixIsSliced_Expect_ErrorWithinTheRoundingBound(SliceRounding rounding, double unitsBound)
    {
        var a = MatrixGenerators.SpdWithCondition(12, 50, seed: 4);
        var s = BitSlicedMatrix.Create(a, 3, 8, rounding);
        Assert.That(s.ResidualError, Is.LessThanOrEqualTo(unitsBound * s.Unit * (1 + 1e-9)));
        Assert.That(s.ResidualError, Is.GreaterThan(0.0));
        for (int k = 0; k < s.SliceCount; k++)
        {
            Assert.That(MatrixMaxAbs(s.Slice(k)), Is.LessThanOrEqualTo(7.0));
        }

        Assert.That(MatrixMaxAbs(s.Slice(0)), Is.EqualTo(7.0), "the largest entry fills the top slice");
    }

    [Test]
    public void When_TopSliceIsRounded_Expect_AtMostHalfTheTruncationError()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 2);
        var round = BitSlicedMatrix.Create(a, 3, 8, SliceRounding.Round);
        var trunc = BitSlicedMatrix.Create(a, 3, 8, SliceRounding.Truncate);
        double eRound = AmcTestData.MaxAbsDiff(round.Reconstruct(1), a);
        double eTrunc = AmcTestData.MaxAbsDiff(trunc.Reconstruct(1), a);
        Assert.That(eRound, Is.LessThanOrEqualTo(0.5 * round.SliceScale(0) * (1 + 1e-12)));
        Assert.That(eTrunc, Is.LessThan(trunc.SliceScale(0)));
        Assert.That(eRound, Is.LessThan(eTrunc));
    }

    [Test]
    public void When_SlicesExceed52Bits_Expect_ArgumentException() =>
        Assert.That(() => BitSlicedMatrix.Create(new double[,] { { 1 } }, 3, 18), Throws.ArgumentException.With.Message.Contains("≤ 52"));

    private static double MatrixMaxAbs(double[,] m)
    {
        double x = 0;
        foreach (double v in m)
        {
            x = Math.Max(x, Math.Abs(v));
        }

        return x;
    }
}
