using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>S and W switches: hysteresis, the ON/OFF keyword, ngspice's default resistances, switching instants.</summary>
public class ControlledSwitchTests
{
    private static ResultTable Run(string deck, string analysis) => CircuitSimulator.Run(NetlistReader.ReadText(deck)).Find(analysis)!;

    /// <summary>A 1 V source through 1 kΩ into the switch: v(a) = R_switch / (1k + R_switch).</summary>
    private static string Divider(double control, string model, string keyword, string options = "") => $"""
        switch divider
        V1 in 0 1
        R1 in a 1k
        S1 a 0 c 0 sm {keyword}
        Vc c 0 {control}
        .model sm sw({model})
        {options}
        .op
        .end
        """;

    private static double Divided(double resistance) => resistance / (1e3 + resistance);

    [TestCase("on", 100.0)]
    [TestCase("off", 1e6)]
    [TestCase("", 1e6)]
    public void When_ControlInsideHysteresisBand_Expect_InitialKeywordDecidesState(string keyword, double resistance)
    {
        ResultTable op = Run(Divider(2.5, "vt=2.5 vh=0.5 ron=100 roff=1meg", keyword), "op");

        Tolerance.AssertClose(op.Column("v(a)")[0], Divided(resistance), 1e-9, 1e-12, "v(a)");
    }

    [TestCase(3.1, "off", 100.0)]
    [TestCase(1.9, "on", 1e6)]
    public void When_ControlOutsideBand_Expect_ControlOverridesKeyword(double control, string keyword, double resistance)
    {
        ResultTable op = Run(Divider(control, "vt=2.5 vh=0.5 ron=100 roff=1meg", keyword), "op");

        Tolerance.AssertClose(op.Column("v(a)")[0], Divided(resistance), 1e-9, 1e-12, "v(a)");
    }

    [TestCase(5.0, 1.0)]
    [TestCase(-5.0, 1e9)]
    public void When_ModelGivesNoResistances_Expect_RonOneOhmAndRoffOneOverGmin(double control, double resistance)
    {
        ResultTable op = Run(Divider(control, "vt=0", string.Empty, ".options gmin=1e-9"), "op");

        Tolerance.AssertClose(op.Column("v(a)")[0], Divided(resistance), 1e-9, 1e-12, "v(a)");
    }

    [Test]
    public void When_ControlRampsUpAndDown_Expect_OnAboveThresholdPlusHysteresisOffBelowMinus()
    {
        // vc rises 0 → 5 V over 1 ms and falls back over the next: on at vc = 3.5 V (0.7 ms), off at 1.5 V (1.7 ms).
        const string deck = """
            switch ramp
            V1 in 0 1
            R1 in a 1k
            S1 a 0 c 0 sm
            Vc c 0 pwl(0 0 1m 5 2m 0)
            .model sm sw(vt=2.5 vh=1 ron=1 roff=1meg)
            .tran 1u 2m
            .end
            """;
        ResultTable tran = Run(deck, "tran");
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(a)");
        double on = double.NaN;
        double off = double.NaN;
        for (int i = 1; i < t.Length; i++)
        {
            if (v[i - 1] > 0.5 && v[i] < 0.5)
            {
                on = t[i];
            }
            else if (v[i - 1] < 0.5 && v[i] > 0.5)
            {
                off = t[i];
            }
        }

        // The step is cut as the control nears the edge: the first point past it lies within one print step.
        Assert.That(on, Is.InRange(0.7e-3, 0.7e-3 + 1e-6));
        Assert.That(off, Is.InRange(1.7e-3, 1.7e-3 + 1e-6));
    }

    [TestCase("on", 0.7e-3)]
    [TestCase("off", 1.7e-3)]
    public void When_StepsLongAndControlNearsEdge_Expect_FirstPointPastEdgeWithinMargin(string edge, double at)
    {
        // tmax = 40 us, but near the edge each step may move vc by at most 3/4 of the distance left + 50 mV (vc slope
        // 5 V/ms): the first point past the edge lies at most 50 mV, 10 us, beyond it.
        const string deck = """
            switch ramp, long steps
            V1 in 0 1
            R1 in a 1k
            S1 a 0 c 0 sm
            Vc c 0 pwl(0 0 1m 5 2m 0)
            .model sm sw(vt=2.5 vh=1 ron=1 roff=1meg)
            .tran 100u 2m
            .end
            """;
        ResultTable tran = Run(deck, "tran");
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(a)");
        int first = Enumerable.Range(1, t.Length - 1).First(i => edge == "on" ? v[i - 1] > 0.5 && v[i] < 0.5 : v[i - 1] < 0.5 && v[i] > 0.5 && t[i] > 1e-3);

        Assert.That(t[first], Is.InRange(at, at + 10e-6), "overshoot at most the 50 mV margin over the slope, not a 40 us step");
    }

    [Test]
    public void When_CurrentSwitchSweptUp_Expect_ClosingAboveItPlusIh()
    {
        // i(vsense) = vdrive / 1k flows into the + node of vsense; the switch closes above 1.5 mA.
        const string deck = """
            current switch
            Vdrive d 0 0
            Rd d s 1k
            Vsense s 0 0
            V1 in 0 1
            R1 in a 1k
            W1 a 0 vsense wm
            .model wm csw(it=1m ih=0.5m ron=10 roff=1meg)
            .dc vdrive 0 3 0.1
            .end
            """;
        ResultTable dc = Run(deck, "dc");
        double[] drive = dc.Column("vdrive");
        double[] v = dc.Column("v(a)");
        for (int i = 0; i < drive.Length; i++)
        {
            double expected = Divided(drive[i] > 1.5 + 1e-9 ? 10 : 1e6);
            Tolerance.AssertClose(v[i], expected, 1e-9, 1e-12, $"v(a) at vdrive = {drive[i]}");
        }
    }

    [TestCase("S1 a 0 c 0 dm\n.model dm d(is=1e-14)", "model 'dm' is of type d but S1 needs an sw (voltage switch) model")]
    [TestCase("W1 a 0 vnone wm\n.model wm csw(it=1m)", "W1: unknown controlling voltage source 'vnone'")]
    [TestCase("S1 a 0 c 0 sm maybe\n.model sm sw(vt=1)", "S1: unexpected 'maybe': expected one of on or off")]
    [TestCase("S1 a 0 c 0 sm on off\n.model sm sw(vt=1)", "S1: unexpected 'off'")]
    [TestCase("S1 a 0 c 0 sm\n.model sm sw(ron=0)", "RON must be finite and positive")]
    public void When_SwitchCardWrong_Expect_NamedError(string lines, string message)
    {
        string deck = $"bad switch\nV1 a 0 1\nVc c 0 1\n{lines}\n.op\n.end\n";

        var ex = Assert.Throws<NetlistException>(() => CircuitSimulator.Run(NetlistReader.ReadText(deck)));

        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.Message, Does.Match(@"^<text>:\d+:\d+: "), "names file, line and column");
    }
}
