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
            [2.0, 0.5, 1.5], // forward body bias past 2φ: the linearised √ is floored at 0
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

    /// <summary>
    /// The level-1 equations written out independently of the model: NMOS frame (voltages times TYPE), drain and source
    /// swapped for v_ds &lt; 0, v_on = TYPE·VTO + γ·(sarg − √φ) with sarg = √(φ − v_bs) for v_bs ≤ 0 and
    /// max(0, √φ − v_bs/(2√φ)) above, then cutoff / linear / saturation with the (1 + λ·v_ds) factor.
    /// </summary>
    private static (double Current, double Threshold, MosfetRegion Region) Reference(Mosfet1Parameters p, double vgs, double vds, double vbs)
    {
        double type = (int)p.Polarity;
        double sign = type;
        (vgs, vds, vbs) = (type * vgs, type * vds, type * vbs);
        if (vds < 0)
        {
            (vgs, vds, vbs) = (vgs - vds, -vds, vbs - vds);
            sign = -sign;
        }

        double sqrtPhi = Math.Sqrt(p.SurfacePotential);
        double sarg = vbs <= 0 ? Math.Sqrt(p.SurfacePotential - vbs) : Math.Max(0.0, sqrtPhi - (vbs / (2 * sqrtPhi)));
        double von = (type * p.ThresholdVoltage) + (p.BodyEffectCoefficient * (sarg - sqrtPhi));
        double vgst = vgs - von;
        double beta = p.TransconductanceParameter * p.Width / (p.Length - (2 * p.LateralDiffusion));
        double clm = 1 + (p.ChannelLengthModulation * vds);
        if (vgst <= 0)
        {
            return (0.0, von, MosfetRegion.Cutoff);
        }

        return vds < vgst
            ? (sign * beta * clm * vds * (vgst - (vds / 2)), von, MosfetRegion.Linear)
            : (sign * beta / 2 * clm * vgst * vgst, von, MosfetRegion.Saturation);
    }

    private static IEnumerable<TestCaseData> RegionPoints()
    {
        // vgs, vds, vbs in NMOS convention and the region they put the device in.
        (string Name, double Vgs, double Vds, double Vbs, MosfetRegion Region)[] points =
        [
            ("cutoff", 0.5, 1.0, 0.0, MosfetRegion.Cutoff),
            ("cutoff by body effect", 0.9, 1.0, -2.0, MosfetRegion.Cutoff),
            ("linear", 2.0, 0.3, 0.0, MosfetRegion.Linear),
            ("saturation", 1.5, 2.5, 0.0, MosfetRegion.Saturation),
            ("reversed linear", 2.0, -0.4, 0.0, MosfetRegion.Linear),
            ("reversed saturation", 0.5, -2.5, -3.0, MosfetRegion.Saturation),
            ("reverse body bias", 2.0, 0.3, -1.0, MosfetRegion.Linear),
            ("forward body bias", 1.2, 1.0, 0.2, MosfetRegion.Saturation),
            ("forward body bias past 2φ", 2.0, 0.5, 1.5, MosfetRegion.Linear),
        ];
        foreach (var polarity in new[] { MosfetPolarity.Nmos, MosfetPolarity.Pmos })
        {
            foreach (var p in points)
            {
                double t = (int)polarity;
                yield return new TestCaseData(polarity, t * p.Vgs, t * p.Vds, t * p.Vbs, p.Region).SetArgDisplayNames(polarity.ToString(), p.Name);
            }
        }
    }

    [TestCaseSource(nameof(RegionPoints))]
    public void When_Evaluated_In_Each_Region_Expect_Level1_Equations(MosfetPolarity polarity, double vgs, double vds, double vbs, MosfetRegion region)
    {
        var parameters = Full with { Polarity = polarity, ThresholdVoltage = (int)polarity * 0.7 };
        var e = new Mosfet1Model(parameters).Evaluate(vgs, vds, vbs);
        var (current, threshold, expectedRegion) = Reference(parameters, vgs, vds, vbs);
        Assert.Multiple(() =>
        {
            Assert.That(expectedRegion, Is.EqualTo(region), "the reference puts the point in the named region");
            Assert.That(e.Region, Is.EqualTo(region));
            Assert.That(e.Reversed, Is.EqualTo((int)polarity * vds < 0));
            AssertClose(e.DrainCurrent, current, 1e-13, 0.0, "I_D");
            AssertClose(e.Threshold, threshold, 1e-13, 0.0, "v_on");
            if (region == MosfetRegion.Cutoff)
            {
                Assert.That(new[] { e.Gm, e.Gds, e.Gmbs }, Is.All.EqualTo(0.0), "no conductance in cutoff");
            }
        });
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
