using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Tests.Engine;

public class TimeConstantFitTests
{
    private const double Tau = 50e-9;

    /// <summary>Sample times 0..stop, n + 1 uniform samples.</summary>
    private static double[] Times(double stop, int n = 500) => [.. Enumerable.Range(0, n + 1).Select(k => stop * k / n)];

    private static double[] Signal(double[] t, Func<double, double> f) => [.. t.Select(f)];

    [TestCase(0.2)]
    [TestCase(-1.5)]
    public void When_SingleExponential_Expect_ItsTimeConstant(double final)
    {
        double[] t = Times(20 * Tau);
        double[] v = Signal(t, x => final * (1 - Math.Exp(-x / Tau)));
        Assert.That(TimeConstantFit.Of(t, v), Is.EqualTo(Tau).Within(1e-4).Percent);
    }

    [Test]
    public void When_RecordStopsShortOfTheFinalValue_Expect_TimeConstantUnbiased()
    {
        // 12τ: the last sample is still e^-12 = 6e-6 of the step away from v∞, which would bend a
        // fit of ln|v − v(end)| near 1e-6; the lagged difference does not involve v∞.
        double[] t = Times(12 * Tau);
        double[] v = Signal(t, x => 1 - Math.Exp(-x / Tau));
        Assert.That(TimeConstantFit.Of(t, v), Is.EqualTo(Tau).Within(0.1).Percent);
    }

    [Test]
    public void When_FastModeDominatesEarly_Expect_SlowTimeConstant()
    {
        // Fast mode (τ/3) ten times larger than the slow one: at 1e-3 of the step it is gone.
        double[] t = Times(25 * Tau);
        double[] v = Signal(t, x => 1 - (10 * Math.Exp(-3 * x / Tau)) + (9 * Math.Exp(-x / Tau)));
        Assert.That(TimeConstantFit.Of(t, v), Is.EqualTo(Tau).Within(0.5).Percent);
    }

    [Test]
    public void When_TwoSignalsWithOppositeModes_Expect_SlowTimeConstantFromTheNorm()
    {
        // Signal b carries the slow mode with the opposite sign of a nearby faster one (0.8τ):
        // alone its tail looks slower than τ while they cancel; the joint fit stays near τ.
        double[] t = Times(25 * Tau);
        double[] a = Signal(t, x => 1 - Math.Exp(-x / Tau) - Math.Exp(-x / (0.8 * Tau)));
        double[] b = Signal(t, x => -1 + Math.Exp(-x / Tau) - (0.9 * Math.Exp(-x / (0.8 * Tau))));
        double joint = TimeConstantFit.Of(t, [a, b]);
        Assert.That(joint, Is.EqualTo(Tau).Within(5).Percent);
        Assert.That(joint, Is.LessThanOrEqualTo(Tau * 1.0001), "a sum of decaying squares decays at least as fast as its slowest term");
    }

    [Test]
    public void When_DampedOscillation_Expect_EnvelopeTimeConstant()
    {
        // Complex pole pair −1/τ ± jω with 8 periods per 10τ: the tail crosses v∞ every half period.
        double omega = 2 * Math.PI * 8 / (10 * Tau);
        double[] t = Times(20 * Tau, 4000);
        double[] v = Signal(t, x => 1 - (Math.Exp(-x / Tau) * Math.Cos(omega * x)));
        Assert.That(TimeConstantFit.Of(t, v), Is.EqualTo(Tau).Within(3).Percent);
    }

    [Test]
    public void When_NoStep_Expect_NaN()
    {
        double[] t = Times(20 * Tau);
        Assert.That(TimeConstantFit.Of(t, Signal(t, _ => 0.3)), Is.NaN);
    }

    [Test]
    public void When_RecordEndsBeforeTheTail_Expect_NaN()
    {
        // 3τ: the deviation never falls below 1e-3 of the step, so there is no tail window.
        double[] t = Times(3 * Tau);
        Assert.That(TimeConstantFit.Of(t, Signal(t, x => 1 - Math.Exp(-x / Tau))), Is.NaN);
    }

    [Test]
    public void When_WindowEdgesReversed_Expect_ArgumentException()
    {
        double[] t = Times(20 * Tau);
        double[] v = Signal(t, x => 1 - Math.Exp(-x / Tau));
        var ex = Assert.Throws<ArgumentException>(() => TimeConstantFit.Of(t, v, upper: 1e-6, lower: 1e-3));
        Assert.That(ex!.Message, Does.Contain("0 < lower < upper < 1"));
    }
}
