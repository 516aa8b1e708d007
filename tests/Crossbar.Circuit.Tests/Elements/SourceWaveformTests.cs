using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>EXP, SFFM and AM waveforms against their formulas with ngspice 39's defaults; DC= and AC= spellings.</summary>
public class SourceWaveformTests
{
    private const double Step = 1e-6;
    private const double Stop = 1e-3;

    private static SourceFunction Function(string card)
    {
        ElementCard element = NetlistReader.ReadText($"t\n{card}\n").Elements.Single();
        var function = new SourceFunction(element.Value?.Value, element.Waveform);
        function.SetTransientTimes(Step, Stop);
        return function;
    }

    [TestCase(0.5e-4)]
    [TestCase(2e-4)]
    [TestCase(7e-4)]
    public void When_ExpFullySpecified_Expect_RiseThenFallFormula(double t)
    {
        SourceFunction f = Function("V1 a 0 EXP(-1 2 0.1m 50u 0.6m 0.1m)");
        double rise = t <= 1e-4 ? 0 : 3 * (1 - Math.Exp(-(t - 1e-4) / 5e-5));
        double fall = t <= 6e-4 ? 0 : -3 * (1 - Math.Exp(-(t - 6e-4) / 1e-4));

        Tolerance.AssertClose(f.Evaluate(t), -1 + rise + fall, 1e-12, 1e-15, $"EXP at {t}");
    }

    [Test]
    public void When_ExpGivesOnlyLevels_Expect_DelaysAndTimeConstantsOfThePrintStep()
    {
        // td1 = tstep, tau1 = tstep, td2 = td1 + tstep, tau2 = tstep.
        SourceFunction f = Function("V1 a 0 EXP(0 1)");
        double t = 2.5 * Step;
        double expected = (1 - Math.Exp(-(t - Step) / Step)) - (1 - Math.Exp(-(t - (2 * Step)) / Step));

        Tolerance.AssertClose(f.Evaluate(Step), 0, 0, 1e-15, "at td1");
        Tolerance.AssertClose(f.Evaluate(t), expected, 1e-12, 1e-15, "after td2");
    }

    [Test]
    public void When_Sffm_Expect_PhaseModulatedSine()
    {
        SourceFunction f = Function("V1 a 0 SFFM(0.5 1 10k 2 1k 30 60)");
        const double t = 123e-6;
        double expected = 0.5 + Math.Sin((2 * Math.PI * 1e4 * t) + (Math.PI / 6) + (2 * Math.Sin((2 * Math.PI * 1e3 * t) + (Math.PI / 3))));

        Tolerance.AssertClose(f.Evaluate(t), expected, 1e-12, 1e-15, "SFFM");
        Tolerance.AssertClose(f.DcValue, 0.5 + Math.Sin((Math.PI / 6) + (2 * Math.Sin(Math.PI / 3))), 1e-12, 1e-15, "DC = value at t = 0");
    }

    [Test]
    public void When_SffmFrequenciesOmitted_Expect_OneOverStopTime()
    {
        SourceFunction f = Function("V1 a 0 SFFM(0 1)");

        Tolerance.AssertClose(f.Evaluate(Stop / 4), 1, 1e-12, 1e-15, "quarter period of 1/tstop");
    }

    [TestCase(0.5e-4, 0.0)]
    [TestCase(3.3e-4, double.NaN)]
    public void When_Am_Expect_ZeroBeforeDelayThenProductWithSeventhValueAsBothPhases(double t, double fixedValue)
    {
        SourceFunction f = Function("V1 a 0 AM(2 0.5 1k 10k 0.1m 30 60)");
        double tau = t - 1e-4;
        double phase = Math.PI / 3;
        double expected = double.IsNaN(fixedValue) ? 2 * (0.5 + Math.Sin((2 * Math.PI * 1e3 * tau) + phase)) * Math.Sin((2 * Math.PI * 1e4 * tau) + phase) : fixedValue;

        Tolerance.AssertClose(f.Evaluate(t), expected, 1e-12, 1e-15, $"AM at {t}");
    }

    [Test]
    public void When_ExpAndAmInTransient_Expect_BreakpointsAtTheirCorners()
    {
        var breakpoints = new SortedSet<double>();
        Function("V1 a 0 EXP(0 1 0.1m 50u 0.6m 0.1m)").AddBreakpoints(0, Stop, breakpoints);
        Function("V1 a 0 AM(1 0.5 1k 10k 0.2m)").AddBreakpoints(0, Stop, breakpoints);

        Assert.That(breakpoints, Is.EqualTo(new[] { 1e-4, 2e-4, 6e-4 }));
    }

    [TestCase("V1 a 0 DC=1.5 AC=2 45", 1.5, 2.0, 45.0)]
    [TestCase("V1 a 0 ac=1 dc=-2", -2.0, 1.0, double.NaN)]
    [TestCase("I1 a 0 DC 3 AC=0.5", 3.0, 0.5, double.NaN)]
    public void When_DcAndAcWrittenWithEquals_Expect_SameFieldsAsWithout(string card, double dc, double ac, double phase)
    {
        ElementCard element = NetlistReader.ReadText($"t\n{card}\n").Elements.Single();

        Assert.That(element.Value!.Value.Value, Is.EqualTo(dc));
        Assert.That(element.AcMagnitude!.Value.Value, Is.EqualTo(ac));
        Assert.That(element.AcPhase?.Value ?? double.NaN, Is.EqualTo(phase));
    }

    [TestCase("V1 a 0 EXP(0 1 2 3 4 5 6)", "EXP takes 2 to 6 values")]
    [TestCase("V1 a 0 SFFM(0)", "SFFM takes 2 to 7 values")]
    [TestCase("V1 a 0 AM(1 0.5 1e16 10k)", "V1: AM mf 10000000000000000 Hz is out of range")]
    [TestCase("V1 a 0 AC= DC=1", "missing AC magnitude after 'ac='")]
    [TestCase("V1 a 0 DC=", "missing value after 'dc='")]
    public void When_SourceCardWrong_Expect_NamedError(string card, string message)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"t\n{card}\n"));

        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.Message, Does.Match(@"^<text>:\d+:\d+: "), "names file, line and column");
    }
}
