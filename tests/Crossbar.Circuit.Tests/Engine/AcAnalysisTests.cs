using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class AcAnalysisTests
{
    [Test]
    public void When_RcLowPass_Expect_FirstOrderMagnitudeAndPhase()
    {
        const string deck = """
            rc low-pass
            V1 in 0 dc 0 ac 1
            R1 in out 1k
            C1 out 0 1n
            .ac dec 10 1k 10meg
            .end
            """;
        ResultTable ac = CircuitSimulator.Run(NetlistReader.ReadText(deck)).Find("ac")!;
        double[] f = ac.Column("frequency");
        double[] mag = ac.Column("vm(out)");
        double[] phase = ac.Column("vp(out)");
        Assert.That(f, Has.Length.EqualTo(41));
        for (int k = 0; k < f.Length; k++)
        {
            double wrc = 2 * Math.PI * f[k] * 1e3 * 1e-9;
            Tolerance.AssertClose(mag[k], 1 / Math.Sqrt(1 + (wrc * wrc)), 1e-12, 1e-15, $"|H| at {f[k]} Hz");
            Tolerance.AssertClose(phase[k], -Math.Atan(wrc) * 180 / Math.PI, 1e-10, 1e-12, $"phase at {f[k]} Hz");
        }
    }

    [Test]
    public void When_SeriesRlc_Expect_ResonancePeakAtOneOverSqrtLc()
    {
        const string deck = """
            rlc band-pass
            V1 in 0 ac 1
            L1 in a 1m
            C1 a out 1u
            R1 out 0 10
            .ac lin 2001 4k 6k
            .end
            """;
        ResultTable ac = CircuitSimulator.Run(NetlistReader.ReadText(deck)).Find("ac")!;
        double[] f = ac.Column("frequency");
        double[] mag = ac.Column("vm(out)");
        int peak = Array.IndexOf(mag, mag.Max());
        Assert.That(f[peak], Is.EqualTo(1 / (2 * Math.PI * Math.Sqrt(1e-3 * 1e-6))).Within(1.0));
        Assert.That(mag[peak], Is.EqualTo(1).Within(1e-6));
    }
}
