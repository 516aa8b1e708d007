using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Netlists;

namespace Crossbar.Circuit.Tests.Measurements;

/// <summary>.measure against analytic answers: a sampled ramp and triangle, and simulated RC and RC low-pass circuits.</summary>
[TestFixture]
public class MeasureEvaluatorTests
{
    private const double Tau = 1e-6;

    /// <summary>An RC (τ = 1 µs) stepped from 0 to 1 V at 1 µs, with the given measure cards.</summary>
    private static string RcDeck(params string[] measures) =>
        "rc step\nvin in 0 pulse(0 1 1u 1n 1n 20u 40u)\nr1 in out 1k\nc1 out 0 1n\n.tran 5n 8u\n" + string.Join('\n', measures) + "\n.end\n";

    private static Dictionary<string, MeasureResult> Measure(string deck)
        => CircuitSimulator.Run(NetlistReader.ReadText(deck)).Measures.ToDictionary(m => m.Name);

    private static MeasureResult Evaluate(string card, double[] x, double[] y, string analysis = "tran")
    {
        Netlist netlist = NetlistReader.ReadText($"t\nr1 a 0 1\n.meas {analysis} {card}\n");
        var data = new MeasureData(analysis, x, new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase) { ["v(a)"] = y });
        return MeasureEvaluator.Evaluate(netlist.Measures[0], data, _ => null);
    }

    [Test]
    public void When_RampAveragedIntegratedAndRms_Expect_ExactAreas()
    {
        double[] x = [.. Enumerable.Range(0, 11).Select(i => (double)i)];
        double[] y = [.. x];

        Assert.That(Evaluate("m avg v(a) from=2 to=8", x, y).Value, Is.EqualTo(5).Within(1e-12));
        Assert.That(Evaluate("m integ v(a) from=2.5 to=7.5", x, y).Value, Is.EqualTo((7.5 * 7.5 / 2) - (2.5 * 2.5 / 2)).Within(1e-12));
        // Simpson's rules integrate x² exactly: RMS² = (8³ − 2³) / 3 / 6.
        Assert.That(Evaluate("m rms v(a) from=2 to=8", x, y).Value, Is.EqualTo(Math.Sqrt((512.0 - 8.0) / 3 / 6)).Within(1e-12));
        Assert.That(Evaluate("m pp v(a) from=2 to=8", x, y).Value, Is.EqualTo(6).Within(1e-12));
        Assert.That(Evaluate("m min v(a) from=2.5 to=8", x, y).Value, Is.EqualTo(3));
        Assert.That(Evaluate("m find v(a) at=4.25", x, y).Value, Is.EqualTo(4.25).Within(1e-12));
        MeasureResult maxAt = Evaluate("m max_at v(a) from=2 to=7.5", x, y);
        Assert.That(maxAt.Value, Is.EqualTo(7));
        Assert.That(maxAt.ToNgspiceLine(), Is.EqualTo("m                   =  7.000000e+00 with=  7.000000e+00"));
        Assert.That(Evaluate("m min_at v(a) from=2.5", x, y).Value, Is.EqualTo(3));
    }

    [TestCase("rise=1", 0.5)]
    [TestCase("rise=2", 4.5)]
    [TestCase("fall=1", 3.5)]
    [TestCase("cross=2", 3.5)]
    [TestCase("cross=3", 4.5)]
    [TestCase("rise=last", 8.5)]
    [TestCase("fall=last", 7.5)]
    [TestCase("cross=last", 8.5)]
    public void When_TriangleCrossesLevel_Expect_InterpolatedCrossingCountedAsNgspice(string edge, double expected)
    {
        // 0 1 2 1 0 1 2 1 0 1: crosses 0.5 rising at 0.5, 4.5, 8.5 and falling at 3.5, 7.5.
        double[] x = [.. Enumerable.Range(0, 10).Select(i => (double)i)];
        double[] y = [0, 1, 2, 1, 0, 1, 2, 1, 0, 1];

        MeasureResult result = Evaluate($"m when v(a)=0.5 {edge}", x, y);

        Assert.That(result.Value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void When_TriangleCrossingBeforeDelay_Expect_ItIsNotCounted()
    {
        double[] x = [.. Enumerable.Range(0, 10).Select(i => (double)i)];
        double[] y = [0, 1, 2, 1, 0, 1, 2, 1, 0, 1];

        MeasureResult result = Evaluate("m trig v(a) val=0.5 td=2 rise=1 targ v(a) val=0.5 fall=2", x, y);

        Assert.That(result.Details.Single(d => d.Label == "trig").Value, Is.EqualTo(4.5).Within(1e-12));
        Assert.That(result.Value, Is.EqualTo(7.5 - 4.5).Within(1e-12));
    }

    [Test]
    public void When_RcStepMeasured_Expect_AnalyticRiseTimeDelayAndSlope()
    {
        var m = Measure(RcDeck(
            ".meas tran trise trig v(out) val=0.1 rise=1 targ v(out) val=0.9 rise=1",
            ".meas tran tdelay trig v(in) val=0.5 rise=1 targ v(out) val=0.5 rise=1",
            ".meas tran slope deriv v(out) at=2u",
            ".meas tran slope50 deriv v(out) when v(out)=0.5",
            ".meas tran v3 find v(out) at=3u",
            ".meas tran area integ v(out) from=1u to=6u",
            ".meas tran tau param='trise/log(9)'"));

        double start = 1e-6 + 0.5e-9; // the 1 ns edge crosses 0.5 V half-way
        Tolerance.AssertClose(m["trise"].Value, Tau * Math.Log(9), 1e-3, 0, "10-90% rise time τ·ln 9");
        Tolerance.AssertClose(m["tdelay"].Value, Tau * Math.Log(2), 2e-3, 0, "50% delay τ·ln 2");
        Tolerance.AssertClose(m["slope"].Value, Math.Exp(-(2e-6 - start) / Tau) / Tau, 1e-3, 0, "dv/dt = e^(-t/τ)/τ at 2 µs");
        Tolerance.AssertClose(m["slope50"].Value, 0.5 / Tau, 1e-3, 0, "dv/dt = (1 − v)/τ at v = 0.5");
        Tolerance.AssertClose(m["v3"].Value, 1 - Math.Exp(-(3e-6 - start) / Tau), 1e-3, 0, "v(3 µs)");
        Tolerance.AssertClose(m["area"].Value, 5e-6 - (Tau * (1 - Math.Exp(-5))), 1e-3, 0, "∫v dt over 5 µs");
        Tolerance.AssertClose(m["tau"].Value, Tau, 1e-3, 0, "τ from PARAM");
    }

    [Test]
    public void When_RowsAreStreamedNotRetained_Expect_SameMeasures()
    {
        string deck = RcDeck(".meas tran trise trig v(out) val=0.1 rise=1 targ v(out) val=0.9 rise=1", ".meas tran vrms rms v(out)");

        var retained = CircuitSimulator.Run(NetlistReader.ReadText(deck)).Measures;
        var streamed = CircuitSimulator.Run(NetlistReader.ReadText(deck), t => t.RetainsRows = false).Measures;

        Assert.That(streamed.Select(m => m.Value), Is.EqualTo(retained.Select(m => m.Value)));
        Assert.That(streamed.Select(m => m.Value), Has.All.GreaterThan(0));
    }

    [Test]
    public void When_LevelNeverReached_Expect_NamedFailureAndDependentParamFails()
    {
        var m = Measure(RcDeck(".meas tran never when v(out)=5", ".meas tran twice param='never*2'", ".meas tran ok max v(out)"));

        Assert.That(m["never"].Ok, Is.False);
        Assert.That(m["never"].Error, Does.Contain("v(out) does not reach 5"));
        Assert.That(m["never"].ToNgspiceLine(), Is.EqualTo("never: failed"));
        Assert.That(m["twice"].Ok, Is.False);
        Assert.That(m["twice"].Error, Does.Contain("never"));
        Assert.That(m["ok"].Value, Is.EqualTo(1 - Math.Exp(-(8e-6 - 1e-6) / Tau)).Within(1e-3));
    }

    [Test]
    public void When_VectorNotSaved_Expect_ItIsAddedToTheOutputAndMeasured()
    {
        string deck = RcDeck(".save v(in)", ".meas tran vmax max v(out)");

        SimulationResults results = CircuitSimulator.Run(NetlistReader.ReadText(deck));

        Assert.That(results.Find("tran")!.Columns, Is.EqualTo(new[] { "time", "v(in)", "v(out)" }));
        Assert.That(results.Measures[0].Value, Is.EqualTo(1 - Math.Exp(-7)).Within(2e-3));
    }

    [Test]
    public void When_OpAndDcMeasured_Expect_DividerValues()
    {
        var m = Measure("div\nv1 in 0 3\nr1 in out 2k\nr2 out 0 1k\n.op\n.dc v1 0 3 0.5\n"
            + ".meas op vo find v(out)\n.meas dc vhalf when v(out)=0.5\n.meas dc iin find i(v1) at=1.5\n.meas dc both param='vo+vhalf'\n.end\n");

        Assert.That(m["vo"].Value, Is.EqualTo(1).Within(1e-9));
        Assert.That(m["vhalf"].Value, Is.EqualTo(1.5).Within(1e-9));
        Assert.That(m["iin"].Value, Is.EqualTo(-1.5 / 3e3).Within(1e-12));
        Assert.That(m["both"].Value, Is.EqualTo(2.5).Within(1e-9));
    }

    [Test]
    public void When_RcLowPassMeasuredInAc_Expect_CornerFrequencyAndGain()
    {
        var m = Measure("lp\nv1 in 0 ac 1\nr1 in out 1k\nc1 out 0 1n\n.ac dec 200 1k 100meg\n"
            + ".meas ac f3db when vdb(out)=-3.0103\n.meas ac gdc max vm(out)\n.meas ac ph find vp(out) at=159.155k\n.end\n");

        double corner = 1 / (2 * Math.PI * 1e3 * 1e-9);
        Tolerance.AssertClose(m["f3db"].Value, corner, 1e-3, 0, "−3 dB at 1/(2πRC)");
        Tolerance.AssertClose(m["gdc"].Value, 1 / Math.Sqrt(1 + Math.Pow(1e3 / corner, 2)), 1e-6, 0, "gain 1/√(1 + (f/fc)²) at 1 kHz");
        Tolerance.AssertClose(m["ph"].Value, -Math.PI / 4, 1e-3, 0, "phase at the corner (radians, as ngspice)");
    }

    [Test]
    public void When_ResultPrinted_Expect_NgspiceLayout()
    {
        var result = new MeasureResult("trise", "tran", MeasureKind.TrigTarg, 2.197207e-06, [new("targ", 3.307583e-06), new("trig", 1.110376e-06)], null);
        var when = new MeasureResult("tw", "tran", MeasureKind.When, -2.00467e-06, [], null);

        Assert.That(result.ToNgspiceLine(), Is.EqualTo("trise               =  2.197207e-06 targ=  3.307583e-06 trig=  1.110376e-06"));
        Assert.That(when.ToNgspiceLine(), Is.EqualTo("tw                  =   -2.00467e-06"));
    }

    [Test]
    public void When_MeasuredDeckWrittenAndReadBack_Expect_SameCards()
    {
        Netlist netlist = NetlistReader.ReadText(Decks.Measured);

        Netlist again = NetlistReader.ReadText(NetlistWriter.Write(netlist));

        Assert.That(netlist.Measures, Has.Count.EqualTo(16));
        Assert.That(again.Measures.Select(m => m with { Location = SourceLocation.Generated }),
            Is.EqualTo(netlist.Measures.Select(m => m with { Location = SourceLocation.Generated })));
    }
}
