using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

/// <summary>The Wilson score interval against tabulated values (Brown, Cai and DasGupta 2001; Newcombe 1998).</summary>
public class WilsonIntervalTests
{
    [TestCase(0, 10, 0.0, 0.2775)]
    [TestCase(1, 10, 0.0179, 0.4042)]
    [TestCase(5, 10, 0.2366, 0.7634)]
    [TestCase(81, 263, 0.2553, 0.3662)]
    [TestCase(10, 10, 0.7225, 1.0)]
    public void When_CountsAreTabulated_Expect_TheTabulatedInterval(long errors, long trials, double lower, double upper)
    {
        var (lo, hi) = WilsonInterval.Of(errors, trials);
        Assert.That(lo, Is.EqualTo(lower).Within(5e-5));
        Assert.That(hi, Is.EqualTo(upper).Within(5e-5));
    }

    [TestCase(1000)]
    [TestCase(1_000_000)]
    public void When_NoErrors_Expect_ZeroToAboutThreePointEightFourOverN(long bits)
    {
        var (lo, hi) = WilsonInterval.Of(0, bits);
        Assert.That(lo, Is.EqualTo(0.0));
        Assert.That(hi, Is.EqualTo(WilsonInterval.Z95 * WilsonInterval.Z95 / (bits + (WilsonInterval.Z95 * WilsonInterval.Z95))).Within(1e-12).Percent);
        Assert.That(hi * bits, Is.EqualTo(3.84).Within(0.02));
    }

    [Test]
    public void When_NoTrials_Expect_TheWholeRange() => Assert.That(WilsonInterval.Of(0, 0), Is.EqualTo((0.0, 1.0)));

    [Test]
    public void When_MoreErrorsThanTrials_Expect_ArgumentOutOfRange()
        => Assert.That(() => WilsonInterval.Of(3, 2), Throws.TypeOf<ArgumentOutOfRangeException>());
}
