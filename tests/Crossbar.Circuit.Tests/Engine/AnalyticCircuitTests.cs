using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class AnalyticCircuitTests
{
    [Test]
    public void When_VoltageDivider_Expect_RatioOfResistors()
    {
        var b = new NetlistBuilder().Add("V1", 10, "in", "0").Add("R1", 3e3, "in", "out").Add("R2", 7e3, "out", "0").Op();
        ResultTable op = CircuitSimulator.Run(b.Netlist).Find("op")!;
        Tolerance.AssertClose(op.Column("v(out)")[0], 7, 1e-12, 1e-15, "v(out)");
        Tolerance.AssertClose(op.Column("i(v1)")[0], -1e-3, 1e-12, 1e-18, "i(v1)");
    }

    [Test]
    public void When_ResistorLadder_Expect_EachStageHalvesAgainstAnalytic()
    {
        // R-2R ladder: every node voltage is half the previous one.
        var b = new NetlistBuilder().Add("V1", 1, "n0", "0");
        const int stages = 12;
        for (int k = 0; k < stages; k++)
        {
            b.Add($"Rs{k}", 1e3, $"n{k}", $"n{k + 1}");
            b.Add($"Rp{k}", 2e3, $"n{k + 1}", "0");
        }

        b.Add("Rend", 2e3, $"n{stages}", "0");
        b.Netlist.Elements.RemoveAt(b.Netlist.Elements.Count - 2);
        // Terminate with 2R so that every node sees 2R || 2R = R looking right.
        b.Add($"Rp{stages - 1}x", 2e3, $"n{stages}", "0");
        b.Op();
        ResultTable op = CircuitSimulator.Run(b.Netlist).Find("op")!;
        for (int k = 1; k <= stages; k++)
        {
            double expected = Math.Pow(0.5, k) * (k == stages ? 1 : 1);
            Tolerance.AssertClose(op.Column($"v(n{k})")[0], expected, 1e-10, 1e-15, $"v(n{k})");
        }
    }

    [TestCase("trap")]
    [TestCase("gear")]
    public void When_RcStep_Expect_ExponentialCharge(string method)
    {
        const double r = 1e3;
        const double c = 1e-6;
        var b = new NetlistBuilder()
            .Add(new ElementCard("V1", ["in", "0"]) { Value = 0, Waveform = new PulseWaveform(0, 1, 0, 1e-9, 1e-9, 1, 2, 7) })
            .Add("R1", r, "in", "out").Add("C1", c, "out", "0")
            .Option("method", null, method)
            .Tran(1e-5, 5e-3);
        ResultTable tran = CircuitSimulator.Run(b.Netlist).Find("tran")!;
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(out)");
        double worst = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double expected = t[i] <= 1e-9 ? 0 : 1 - Math.Exp(-(t[i] - 0.5e-9) / (r * c));
            worst = Math.Max(worst, Math.Abs(v[i] - expected));
        }

        Assert.That(worst, Is.LessThan(2e-3), "max deviation from 1 − e^(−t/RC) in V");
        Assert.That(t[^1], Is.EqualTo(5e-3).Within(1e-15));
    }

    [TestCase("trap")]
    [TestCase("gear")]
    public void When_SeriesRlcStep_Expect_UnderdampedAnalytic(string method)
    {
        const double r = 20, l = 1e-3, c = 1e-6;
        var b = new NetlistBuilder()
            .Add(new ElementCard("V1", ["in", "0"]) { Value = 0, Waveform = new PulseWaveform(0, 1, 0, 1e-9, 1e-9, 1, 2, 7) })
            .Add("R1", r, "in", "a").Add("L1", l, "a", "out").Add("C1", c, "out", "0")
            .Option("method", null, method)
            .Tran(1e-6, 1e-3);
        ResultTable tran = CircuitSimulator.Run(b.Netlist).Find("tran")!;
        double alpha = r / (2 * l);
        double w0 = 1 / Math.Sqrt(l * c);
        double wd = Math.Sqrt((w0 * w0) - (alpha * alpha));
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(out)");
        double worst = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double tt = Math.Max(0, t[i] - 0.5e-9);
            double expected = 1 - (Math.Exp(-alpha * tt) * (Math.Cos(wd * tt) + (alpha / wd * Math.Sin(wd * tt))));
            worst = Math.Max(worst, Math.Abs(v[i] - expected));
        }

        Assert.That(worst, Is.LessThan(1e-2), "max deviation from the underdamped RLC step in V (peak ≈ 1.85 V)");
    }

    [Test]
    public void When_InvertingAmplifierWithVcvs_Expect_ClosedLoopGainWithFiniteA()
    {
        const double a0 = 1e4, r1 = 1e3, r2 = 10e3;
        var b = new NetlistBuilder()
            .Add("V1", 0.1, "in", "0").Add("R1", r1, "in", "minus").Add("R2", r2, "minus", "out")
            .Add(new ElementCard("E1", ["out", "0", "0", "minus"]) { Value = a0 }).Op();
        ResultTable op = CircuitSimulator.Run(b.Netlist).Find("op")!;
        double beta = r1 / (r1 + r2);
        double expected = -0.1 * (r2 / r1) / (1 + (1 / (a0 * beta)));
        Tolerance.AssertClose(op.Column("v(out)")[0], expected, 1e-12, 1e-15, "v(out)");
    }

    [Test]
    public void When_DiodeWithResistor_Expect_ShockleyEquationSatisfied()
    {
        const double isat = 1e-14, n = 1.5, r = 1e3, vs = 5;
        var b = new NetlistBuilder().Add("V1", vs, "in", "0").Add("R1", r, "in", "a")
            .Add(new ElementCard("D1", ["a", "0"]) { Model = "dm" }).Model("dm", "d", ("is", isat), ("n", n)).Op();
        double vd = CircuitSimulator.Run(b.Netlist).Find("op")!.Column("v(a)")[0];
        // Independent solve of (vs − vd)/r = Is(e^{vd/(n vt)} − 1) + gmin·vd by bisection.
        double vt = 1.38064852e-23 * 300.15 / 1.6021766208e-19;
        double lo = 0, hi = vs;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            double f = ((vs - mid) / r) - (isat * (Math.Exp(mid / (n * vt)) - 1)) - (1e-12 * mid);
            if (f > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        Tolerance.AssertClose(vd, 0.5 * (lo + hi), 1e-9, 1e-12, "diode voltage");
    }

    [Test]
    public void When_NmosWithDrainResistor_Expect_SquareLawOperatingPoint()
    {
        const double kp = 100e-6, vto = 0.7, lambda = 0.02, w = 10e-6, l = 1e-6, vdd = 5, vg = 1.5, rd = 10e3;
        var b = new NetlistBuilder().Add("Vdd", vdd, "vdd", "0").Add("Vg", vg, "g", "0").Add("Rd", rd, "vdd", "d")
            .Add(new ElementCard("M1", ["d", "g", "0", "0"]) { Model = "nm", Parameters = [new("w", w), new("l", l)] })
            .Model("nm", "nmos", ("vto", vto), ("kp", kp), ("lambda", lambda)).Op();
        double vd = CircuitSimulator.Run(b.Netlist).Find("op")!.Column("v(d)")[0];
        double beta = kp * w / l;
        double vov = vg - vto;
        // Solve (vdd − vd)/rd = Id(vd) + bulk-drain diode current (≈ −Is + gmin·(−vd)) by bisection.
        double Id(double vds) => vds >= vov
            ? 0.5 * beta * vov * vov * (1 + (lambda * vds))
            : beta * vds * (vov - (0.5 * vds)) * (1 + (lambda * vds));
        double lo = 0, hi = vdd;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            double f = ((vdd - mid) / rd) - Id(mid) - (-1e-14 + (1e-12 * -mid) * -1);
            if (f > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        Tolerance.AssertClose(vd, 0.5 * (lo + hi), 1e-8, 1e-10, "drain voltage");
    }
}
