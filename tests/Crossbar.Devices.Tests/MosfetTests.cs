using Crossbar.Devices.Transistors;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class MosfetTests
{
    private static readonly Mosfet1Parameters Full = new()
    {
        ThresholdVoltage = 0.7,
        TransconductanceParameter = 1.1e-4,
        BodyEffectCoefficient = 0.45,
        SurfacePotential = 0.65,
        ChannelLengthModulation = 0.04,
        Width = 2e-6,
        Length = 0.5e-6,
        LateralDiffusion = 0.02e-6,
    };

    private static IEnumerable<TestCaseData> BiasPoints()
    {
        // vgs, vds, vbs: linear, saturation, reversed (vds < 0), body bias reverse and forward, both polarities.
        double[][] points =
        [
            [2.0, 0.3, 0.0], [2.0, 0.3, -1.0], [1.5, 2.5, -0.5], [3.3, 1.0, 0.2],
            [2.0, -0.4, 0.0], [2.5, -2.5, -0.3], [1.2, 0.05, -2.0], [3.3, 0.01, 0.0],
        ];
        foreach (var polarity in new[] { MosfetPolarity.Nmos, MosfetPolarity.Pmos })
        {
            foreach (var p in points)
            {
                double t = (int)polarity;
                yield return new TestCaseData(polarity, t * p[0], t * p[1], t * p[2]);
            }
        }
    }

    [TestCaseSource(nameof(BiasPoints))]
    public void When_Level1Derivatives_Expect_CentralFiniteDifferences(MosfetPolarity polarity, double vgs, double vds, double vbs)
    {
        var parameters = Full with { Polarity = polarity, ThresholdVoltage = (int)polarity * 0.7 };
        var m = new Mosfet1Model(parameters);
        var e = m.Evaluate(vgs, vds, vbs);
        Assert.That(e.Region, Is.Not.EqualTo(MosfetRegion.Cutoff), "the bias point must conduct");
        double h = 1e-6;
        AssertClose(e.Gm, CentralDifference(x => m.DrainCurrent(x, vds, vbs), vgs, h), 1e-5, 0.0, "gm");
        AssertClose(e.Gds, CentralDifference(x => m.DrainCurrent(vgs, x, vbs), vds, h), 1e-5, 0.0, "gds");
        AssertClose(e.Gmbs, CentralDifference(x => m.DrainCurrent(vgs, vds, x), vbs, h), 1e-5, 1e-12 * Math.Abs(e.Gm), "gmbs");
    }

    [Test]
    public void When_LinearRegion_Expect_ShichmanHodgesWithLambda()
    {
        var m = new Mosfet1Model(new Mosfet1Parameters { ThresholdVoltage = 0.7, ChannelLengthModulation = 0.05, Width = 10e-6, Length = 1e-6 });
        double beta = 2e-5 * 10.0;
        double expected = beta * (1 + (0.05 * 0.5)) * 0.5 * (2.0 - 0.7 - 0.25);
        var e = m.Evaluate(2.0, 0.5);
        Assert.That(e.Region, Is.EqualTo(MosfetRegion.Linear));
        AssertClose(e.DrainCurrent, expected, 1e-14);
    }

    [Test]
    public void When_SaturationRegion_Expect_SquareLawWithLambda()
    {
        var m = new Mosfet1Model(new Mosfet1Parameters { ThresholdVoltage = 0.7, ChannelLengthModulation = 0.05, Width = 10e-6, Length = 1e-6 });
        double beta = 2e-5 * 10.0;
        double expected = 0.5 * beta * (1 + (0.05 * 3.0)) * 1.3 * 1.3;
        var e = m.Evaluate(2.0, 3.0);
        Assert.That(e.Region, Is.EqualTo(MosfetRegion.Saturation));
        AssertClose(e.DrainCurrent, expected, 1e-14);
    }

    [Test]
    public void When_DrainSourceReversed_Expect_AntisymmetricCurrent()
    {
        var m = new Mosfet1Model(new Mosfet1Parameters { ThresholdVoltage = 0.7, Width = 10e-6, Length = 1e-6 });
        // Terminal potentials: gate 3, one terminal 0, the other 0.4. Swapping the roles flips the current.
        double forward = m.DrainCurrent(3.0, 0.4, 0.0);
        double reverse = m.DrainCurrent(3.0 - 0.4, -0.4, -0.4);
        AssertClose(reverse, -forward, 1e-14);
        Assert.That(m.Evaluate(2.6, -0.4, -0.4).Reversed, Is.True);
    }

    [Test]
    public void When_BelowThreshold_Expect_CutoffWithZeroCurrent()
    {
        var e = new Mosfet1Model(new Mosfet1Parameters { ThresholdVoltage = 0.7 }).Evaluate(0.5, 1.0);
        Assert.Multiple(() =>
        {
            Assert.That(e.Region, Is.EqualTo(MosfetRegion.Cutoff));
            Assert.That(e.DrainCurrent, Is.EqualTo(0.0));
            Assert.That(e.Gds, Is.EqualTo(0.0));
        });
    }

    [Test]
    public void When_BodyBiasReverse_Expect_ThresholdRisesByGammaFormula()
    {
        var m = new Mosfet1Model(Full);
        double expected = 0.7 + (0.45 * (Math.Sqrt(0.65 + 1.0) - Math.Sqrt(0.65)));
        AssertClose(m.ThresholdAt(-1.0), expected, 1e-14);
    }

    [Test]
    public void When_OnResistanceOfAccessTransistor_Expect_About192OhmAtThreePointThreeVolts()
    {
        var m = new Mosfet1Model(Mosfet1Parameters.AccessTransistor);
        double expected = 1.0 / (2e-5 * 100.0 * (3.3 - 0.7));
        AssertClose(m.OnResistance(3.3), expected, 1e-12);
        Assert.That(m.OnResistance(3.3), Is.InRange(100.0, 200.0));
        AssertClose(1.0 / m.Evaluate(3.3, 1e-7).Gds, expected, 1e-6);
        Assert.That(m.OnResistance(0.5), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void When_PmosMirrorsNmos_Expect_OppositeCurrentSameConductances()
    {
        var n = new Mosfet1Model(Full);
        var p = new Mosfet1Model(Full with { Polarity = MosfetPolarity.Pmos, ThresholdVoltage = -0.7 });
        var en = n.Evaluate(2.0, 0.8, -0.3);
        var ep = p.Evaluate(-2.0, -0.8, 0.3);
        AssertClose(ep.DrainCurrent, -en.DrainCurrent, 1e-14);
        AssertClose(ep.Gm, en.Gm, 1e-14);
        AssertClose(ep.Gds, en.Gds, 1e-14);
        AssertClose(ep.Gmbs, en.Gmbs, 1e-14);
    }

    [Test]
    public void When_WidthNotPositive_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new Mosfet1Parameters { Width = 0.0 });
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(Mosfet1Parameters.Width)));
    }

    [Test]
    public void When_LateralDiffusionConsumesChannel_Expect_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new Mosfet1Model(new Mosfet1Parameters { Length = 1e-6, LateralDiffusion = 0.6e-6 }));
        Assert.That(ex!.Message, Does.Contain("LateralDiffusion"));
    }

    [Test]
    public void When_SpiceDefaults_Expect_Kp2e5Phi06AndHundredMicronDevice()
    {
        var p = new Mosfet1Parameters();
        Assert.Multiple(() =>
        {
            Assert.That(p.TransconductanceParameter, Is.EqualTo(2e-5));
            Assert.That(p.SurfacePotential, Is.EqualTo(0.6));
            Assert.That(p.Width, Is.EqualTo(100e-6));
            Assert.That(p.Length, Is.EqualTo(100e-6));
            Assert.That(p.ThresholdVoltage, Is.EqualTo(0.0));
        });
    }
}
