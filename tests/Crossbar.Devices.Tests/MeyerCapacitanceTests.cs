using Crossbar.Devices.Transistors;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class MeyerCapacitanceTests
{
    private const double Phi = 0.7;
    private const double Von = 0.6;
    private const double Cox = 1e-14;

    private static (double Gs, double Gd, double Gb) At(double vgs, double vds)
        => MeyerCapacitance.Of(vgs, vgs - vds, Von, vgs - Von, Phi, Cox);

    [Test]
    public void When_OxideIs20nm_Expect_EpsOxOverTox()
    {
        Tolerance.AssertClose(MeyerCapacitance.PerArea(20e-9), 3.9 * 8.854214871e-12 / 20e-9, 1e-15);
    }

    [Test]
    public void When_Accumulated_Expect_AllGateToBulk()
    {
        var c = At(Von - Phi - 0.5, 1);

        Assert.That((2 * c.Gs, 2 * c.Gd), Is.EqualTo((0.0, 0.0)));
        AssertClose(2 * c.Gb, Cox, 1e-15);
    }

    [Test]
    public void When_Saturated_Expect_TwoThirdsToSource()
    {
        var c = At(Von + 1, 2);

        AssertClose(2 * c.Gs, 2 * Cox / 3, 1e-15);
        Assert.That((c.Gd, c.Gb), Is.EqualTo((0.0, 0.0)));
    }

    [Test]
    public void When_LinearAtZeroDrainVoltage_Expect_HalfTheOxideEachSide()
    {
        var c = At(Von + 1, 0);

        AssertClose(2 * c.Gs, Cox / 2, 1e-15);
        AssertClose(2 * c.Gd, Cox / 2, 1e-15);
        Assert.That(c.Gb, Is.Zero);
    }

    [TestCase(-Phi, 1.0)]
    [TestCase(-Phi / 2, 1.0)]
    [TestCase(0.0, 1.0)]
    public void When_GateCrossesARegionBoundary_Expect_ContinuousCapacitances(double overdrive, double vds)
    {
        var below = At(Von + overdrive - 1e-9, vds);
        var above = At(Von + overdrive + 1e-9, vds);

        AssertClose(above.Gs, below.Gs, 0, 1e-9 * Cox * 10);
        AssertClose(above.Gd, below.Gd, 0, 1e-9 * Cox * 10);
        AssertClose(above.Gb, below.Gb, 0, 1e-9 * Cox * 10);
    }

    [Test]
    public void When_DrainVoltageCrossesSaturation_Expect_ContinuousCapacitances()
    {
        const double vgs = Von + 1;
        var linear = At(vgs, 1 - 1e-9);
        var saturated = At(vgs, 1 + 1e-9);

        AssertClose(linear.Gs, saturated.Gs, 0, 1e-8 * Cox);
        AssertClose(linear.Gd, saturated.Gd, 0, 1e-8 * Cox);
    }
}
