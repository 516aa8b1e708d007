using Crossbar.Devices.Rram;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class RramModelTests
{
    [Test]
    public void When_LinearModel_Expect_OhmsLaw()
    {
        var m = LinearRramModel.Instance;
        Assert.Multiple(() =>
        {
            Assert.That(m.Current(0.2, 10e-6), Is.EqualTo(2e-6).Within(1e-20));
            Assert.That(m.Conductance(-0.7, 10e-6), Is.EqualTo(10e-6));
            Assert.That(m.IsLinear, Is.True);
        });
    }

    [TestCase(-0.7)]
    [TestCase(0.3)]
    public void When_LinearModelDerivative_Expect_FiniteDifference(double v)
    {
        var m = LinearRramModel.Instance;
        AssertClose(m.Conductance(v, 10e-6), CentralDifference(x => m.Current(x, 10e-6), v, 1e-5), 1e-9);
    }

    [TestCase(0.25, 0.2, 10e-6)]
    [TestCase(0.1, 0.3, 35e-6)]
    [TestCase(1.0, 0.1, 0.5e-6)]
    public void When_SinhModelAtReadVoltage_Expect_ChordConductanceEqualsState(double v0, double vread, double g)
    {
        var m = new SinhRramModel(v0, vread);
        AssertClose(m.Current(vread, g) / vread, g, 1e-14);
        AssertClose(m.Current(-vread, g), -g * vread, 1e-14);
        AssertClose(m.CurrentScale(g), g * vread / Math.Sinh(vread / v0), 1e-14);
    }

    [TestCase(-0.4)]
    [TestCase(0.0)]
    [TestCase(0.15)]
    [TestCase(0.6)]
    public void When_SinhModelDerivative_Expect_FiniteDifference(double v)
    {
        var m = new SinhRramModel(0.25, 0.2);
        double fd = CentralDifference(x => m.Current(x, 20e-6), v, 1e-5);
        AssertClose(m.Conductance(v, 20e-6), fd, 1e-8);
    }

    [TestCase(1.0)]
    [TestCase(-1.0)]
    public void When_SinhModelCrossesLinearContinuation_Expect_ContinuousCurrentAndSlope(double sign)
    {
        const double v0 = 0.25;
        var m = new SinhRramModel(v0, 0.2);
        double edge = sign * SinhRramModel.LinearContinuationRatio * v0;
        double below = edge * (1 - 1e-12);
        double above = edge * (1 + 1e-12);
        AssertClose(m.Current(above, 20e-6), m.Current(below, 20e-6), 1e-9, 0.0, "current across the edge");
        AssertClose(m.Conductance(above, 20e-6), m.Conductance(below, 20e-6), 1e-9, 0.0, "slope across the edge");
        AssertClose(m.Current(edge, 20e-6), m.CurrentScale(20e-6) * Math.Sinh(sign * SinhRramModel.LinearContinuationRatio), 1e-14, 0.0, "sinh up to the edge");
    }

    [TestCase(45.0)]
    [TestCase(-60.0)]
    [TestCase(1e4)]
    public void When_SinhModelBeyondLinearContinuation_Expect_TangentAtTheEdge(double ratio)
    {
        const double v0 = 0.25;
        const double g = 20e-6;
        var m = new SinhRramModel(v0, 0.2);
        double v = ratio * v0;
        double edge = Math.CopySign(SinhRramModel.LinearContinuationRatio, ratio);
        double i0 = m.CurrentScale(g);
        double slope = i0 * Math.Cosh(edge) / v0;
        AssertClose(m.Current(v, g), (i0 * Math.Sinh(edge)) + (slope * (v - (edge * v0))), 1e-13, 0.0, "tangent line");
        AssertClose(m.Conductance(v, g), slope, 1e-14, 0.0, "constant slope");
        AssertClose(m.Conductance(v, g), CentralDifference(x => m.Current(x, g), v, 1e-3 * v0), 1e-8, 0.0, "finite difference");
        Assert.That(double.IsFinite(m.Current(1e3 * v, g)), Is.True, "no overflow far beyond the edge");
    }

    [Test]
    public void When_SinhModelLargeV0_Expect_LinearLimit()
    {
        var m = new SinhRramModel(1e4, 0.2);
        AssertClose(m.Current(0.5, 10e-6), 5e-6, 1e-8);
    }

    [Test]
    public void When_SinhCharacteristicVoltageNotPositive_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new SinhRramModel(0.0, 0.2));
        Assert.That(ex!.ParamName, Is.EqualTo("characteristicVoltage"));
        var ex2 = Assert.Throws<ArgumentException>(() => _ = new SinhRramModel(0.25, double.NaN));
        Assert.That(ex2!.ParamName, Is.EqualTo("readVoltage"));
    }

    private static IEnumerable<TestCaseData> VteamCases()
    {
        foreach (var window in Enum.GetValues<VteamWindow>())
        {
            foreach (var map in Enum.GetValues<VteamConductanceMap>())
            {
                foreach (double v in new[] { 1.1, 0.8, -0.9, -1.3 })
                {
                    foreach (double x in new[] { 0.2, 0.55, 0.9 })
                    {
                        yield return new TestCaseData(window, map, v, x);
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(VteamCases))]
    public void When_VteamJacobian_Expect_CentralFiniteDifferences(VteamWindow window, VteamConductanceMap map, double v, double x)
    {
        var p = new VteamParameters { Window = window, ConductanceMap = map, OffExponent = 3.0, OnExponent = 2.5 };
        var m = new VteamModel(p);
        double w = p.OnStateBound + (x * (p.OffStateBound - p.OnStateBound));
        var e = m.Evaluate(v, w);
        double hv = 1e-6;
        double hw = 1e-6 * (p.OffStateBound - p.OnStateBound);

        Assert.That(e.StateRate, Is.Not.EqualTo(0.0), "the case must exercise a switching branch");
        AssertClose(e.StateRateVoltageDerivative, CentralDifference(u => m.StateDerivative(u, w), v, hv), 1e-5, 0.0, "d(dw/dt)/dv");
        AssertClose(e.StateRateStateDerivative, CentralDifference(s => m.StateDerivative(v, s), w, hw), 1e-5, 1e-9 * Math.Abs(e.StateRate) / hw, "d(dw/dt)/dw");
        AssertClose(e.CurrentVoltageDerivative, CentralDifference(u => m.Current(u, w), v, hv), 1e-5, 0.0, "dI/dv");
        AssertClose(e.CurrentStateDerivative, CentralDifference(s => m.Current(v, s), w, hw), 1e-5, 0.0, "dI/dw");
        AssertClose(m.StateDerivativeVoltagePartial(v, w), e.StateRateVoltageDerivative, 0.0);
        AssertClose(m.CurrentStatePartial(v, w), e.CurrentStateDerivative, 0.0);
    }

    [Test]
    public void When_VteamBelowThresholds_Expect_NoStateChange()
    {
        var m = new VteamModel();
        var e = m.Evaluate(0.2, 1e-9);
        Assert.Multiple(() =>
        {
            Assert.That(e.StateRate, Is.EqualTo(0.0));
            Assert.That(e.StateRateVoltageDerivative, Is.EqualTo(0.0));
            Assert.That(e.StateRateStateDerivative, Is.EqualTo(0.0));
        });
    }

    [Test]
    public void When_VteamOffSwitchingWithoutWindow_Expect_PaperRate()
    {
        var p = new VteamParameters { Window = VteamWindow.None };
        var m = new VteamModel(p);
        double v = 1.0;
        double expected = p.OffRateConstant * Math.Pow((v / p.OffThresholdVoltage) - 1.0, p.OffExponent);
        AssertClose(m.StateDerivative(v, 1e-9), expected, 1e-14);
        double expectedOn = p.OnRateConstant * Math.Pow((-1.0 / p.OnThresholdVoltage) - 1.0, p.OnExponent);
        AssertClose(m.StateDerivative(-1.0, 1e-9), expectedOn, 1e-14, 0.0, "ON switching rate");
        Assert.That(m.StateDerivative(-1.0, 1e-9), Is.LessThan(0.0));
    }

    [TestCase(VteamConductanceMap.LinearConductance)]
    [TestCase(VteamConductanceMap.LinearResistance)]
    [TestCase(VteamConductanceMap.Exponential)]
    public void When_VteamStateMapInverted_Expect_RoundTripAndEndpoints(VteamConductanceMap map)
    {
        var m = new VteamModel(new VteamParameters { ConductanceMap = map });
        var p = m.Parameters;
        AssertClose(m.StateConductance(p.OnStateBound), p.MaxConductance, 1e-12);
        AssertClose(m.StateConductance(p.OffStateBound), p.MinConductance, 1e-12);
        AssertClose(m.StateConductance(m.StateForConductance(12e-6)), 12e-6, 1e-12);
        double w = p.OnStateBound + (0.3 * (p.OffStateBound - p.OnStateBound));
        AssertClose(m.Current(-0.4, w), -0.4 * m.StateConductance(w), 1e-14, 0.0, "I = G(w)·v");
    }

    [Test]
    public void When_VteamBoundsReversed_Expect_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new VteamModel(new VteamParameters { OnStateBound = 5e-9 }));
        Assert.That(ex!.Message, Does.Contain("OffStateBound"));
    }

    [Test]
    public void When_VteamOffThresholdNegative_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new VteamParameters { OffThresholdVoltage = -0.2 });
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(VteamParameters.OffThresholdVoltage)));
    }

    [Test]
    public void When_VteamStateClamped_Expect_Bounds()
    {
        var m = new VteamModel();
        Assert.Multiple(() =>
        {
            Assert.That(m.ClampState(-1.0), Is.EqualTo(m.Parameters.OnStateBound));
            Assert.That(m.ClampState(1.0), Is.EqualTo(m.Parameters.OffStateBound));
        });
    }
}
