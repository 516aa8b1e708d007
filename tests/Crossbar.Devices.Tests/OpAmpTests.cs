using System.Numerics;
using Crossbar.Devices.OpAmps;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class OpAmpTests
{
    private static readonly OpAmpModel Railed = OpAmpModel.WithSinglePole(1e5, 16e6) with { PositiveRail = 5.0, NegativeRail = -4.0, RailKnee = 0.3 };

    [Test]
    public void When_InsideRails_Expect_OutputUnchanged()
    {
        double y = Railed.LimitOutput(1.234, out double d);
        Assert.Multiple(() =>
        {
            Assert.That(y, Is.EqualTo(1.234));
            Assert.That(d, Is.EqualTo(1.0));
        });
    }

    [TestCase(4.7)]
    [TestCase(-3.7)]
    public void When_AtKneeEdge_Expect_ContinuousValueAndDerivative(double edge)
    {
        double below = Railed.LimitOutput(edge - 1e-9, out double dBelow);
        double above = Railed.LimitOutput(edge + 1e-9, out double dAbove);
        AssertClose(above, below, 0.0, 3e-9);
        AssertClose(dAbove, dBelow, 0.0, 1e-12);
    }

    [TestCase(4.8)]
    [TestCase(5.5)]
    [TestCase(-3.9)]
    [TestCase(-10.0)]
    [TestCase(0.0)]
    public void When_SoftRailDerivative_Expect_FiniteDifference(double v)
    {
        Railed.LimitOutput(v, out double d);
        AssertClose(d, CentralDifference(Railed.LimitOutput, v, 1e-6), 1e-6, 1e-12);
    }

    [Test]
    public void When_FarBeyondRails_Expect_RailValues()
    {
        AssertClose(Railed.LimitOutput(100.0), 5.0, 1e-12);
        AssertClose(Railed.LimitOutput(-100.0), -4.0, 1e-12);
        Assert.That(Railed.LimitOutput(5.0), Is.LessThan(5.0));
    }

    [Test]
    public void When_SlewLimited_Expect_RateBoundedBySlewRate()
    {
        var m = Railed with { SlewRate = 22e6 };
        AssertClose(m.LimitSlewRate(1e6, out _), 1e6, 0.0);
        AssertClose(m.LimitSlewRate(1e12, out double d), 22e6, 1e-12);
        Assert.That(d, Is.LessThan(1e-12));
    }

    [Test]
    public void When_SinglePole_Expect_PoleAtGbwOverA0AndUnityGainNearGbw()
    {
        var m = OpAmpModel.WithSinglePole(1e5, 16e6);
        AssertClose(m.DominantPoleFrequency, 160.0, 1e-14);
        AssertClose(m.OpenLoopGainAtFrequency(0.0).Real, 1e5, 1e-14);
        AssertClose(m.OpenLoopGainAtFrequency(16e6).Magnitude, 1.0, 1e-9);
        AssertClose(m.OpenLoopGainAtFrequency(160.0).Phase, -Math.PI / 4, 1e-12);
    }

    [Test]
    public void When_SecondPole_Expect_ExtraPhaseOf45DegreesAtIt()
    {
        var one = OpAmpModel.WithSinglePole(1e5, 16e6);
        var two = OpAmpModel.WithSinglePole(1e5, 16e6, 50e6);
        double extra = two.OpenLoopGainAtFrequency(50e6).Phase - one.OpenLoopGainAtFrequency(50e6).Phase;
        AssertClose(extra, -Math.PI / 4, 1e-12);
    }

    [Test]
    public void When_LoopPoles_Expect_MinusTwoPiGbwTimesMuPlusInverseA0()
    {
        var m = OpAmpModel.WithSinglePole(1e4, 10e6);
        var poles = m.InvLoopPoles([new Complex(0.5, 0.1), new Complex(2.0, 0.0)]);
        double w = 2 * Math.PI * 10e6;
        AssertClose(poles[0].Real, -w * (0.5 + 1e-4), 1e-14);
        AssertClose(poles[0].Imaginary, -w * 0.1, 1e-14);
        AssertClose(poles[1].Real, -w * (2.0 + 1e-4), 1e-14);
    }

    [Test]
    public void When_TimeConstant_Expect_InverseOfTwoPiGbwRealMuMin()
    {
        var m = OpAmpModel.WithSinglePole(1e5, 16e6);
        AssertClose(m.InvTimeConstant(0.25), 1.0 / (2 * Math.PI * 16e6 * 0.25), 1e-14);
        AssertClose(m.InvSettlingTime(0.25, 1e-3), Math.Log(1e3) / (2 * Math.PI * 16e6 * 0.25), 1e-14);
    }

    [Test]
    public void When_EigenvalueBelowMinusInverseA0_Expect_Unstable()
    {
        var m = OpAmpModel.WithSinglePole(1e3, 16e6);
        Assert.Multiple(() =>
        {
            Assert.That(m.IsInvLoopStable([new Complex(0.1, 0), new Complex(-0.0005, 1)]), Is.True);
            Assert.That(m.IsInvLoopStable([new Complex(0.1, 0), new Complex(-0.002, 0)]), Is.False);
        });
    }

    [Test]
    public void When_DcGainGrows_Expect_FiniteGainApproachesIdealLoopPole()
    {
        double previous = double.PositiveInfinity;
        foreach (double a0 in new[] { 1e2, 1e4, 1e6, 1e8 })
        {
            var pole = OpAmpModel.WithSinglePole(a0, 16e6).InvLoopPoles([new Complex(0.3, 0)])[0];
            double ideal = -2 * Math.PI * 16e6 * 0.3;
            double error = Math.Abs((pole.Real - ideal) / ideal);
            Assert.That(error, Is.LessThan(previous));
            previous = error;
        }

        Assert.That(previous, Is.LessThan(1e-7));
    }

    [Test]
    public void When_IdealKindAskedForPoles_Expect_InvalidOperationException()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OpAmpModel.Ideal().InvLoopPoles([Complex.One]));
        Assert.That(ex!.Message, Does.Contain("SinglePole"));
    }

    [Test]
    public void When_GainBandwidthNotPositive_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = OpAmpModel.WithSinglePole(1e5, -1.0));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(OpAmpModel.GainBandwidth)));
    }

    [Test]
    public void When_RailsInverted_Expect_ArgumentExceptionNamingPositiveRail()
    {
        var m = new OpAmpModel { PositiveRail = -1.0, NegativeRail = 1.0 };
        var ex = Assert.Throws<ArgumentException>(m.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(OpAmpModel.PositiveRail)));
    }

    [Test]
    public void When_OnlyOneRailFinite_Expect_ArgumentExceptionOnLimit()
    {
        var m = new OpAmpModel { PositiveRail = 5.0 };
        var ex = Assert.Throws<ArgumentException>(() => m.LimitOutput(1.0));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(OpAmpModel.PositiveRail)));
    }

    [Test]
    public void When_NoiseDensityConverted_Expect_SampleAmplitudeDensityOverRootTwoNt()
    {
        var m = new OpAmpModel { InputNoiseDensity = 16e-9 };
        AssertClose(m.InputNoiseSampleAmplitude(1e-9), 16e-9 / Math.Sqrt(2e-9), 1e-14);
        AssertClose(m.InputNoiseRms(1e6), 16e-6, 1e-14);
    }
}
