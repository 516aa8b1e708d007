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
