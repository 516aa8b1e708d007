using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Elements;

public class TransientNoiseSourceTests
{
    private static ResultTable Run(string trnoise, string tran, int seed)
    {
        Netlist netlist = NetlistReader.ReadText($"""
            noise
            V1 n 0 dc 0 trnoise({trnoise})
            R1 n 0 1k
            .options seed={seed}
            .tran {tran}
            .end
            """);
        return CircuitSimulator.Run(netlist).Find("tran")!;
    }

    [Test]
    public void When_White_Trnoise_Is_Simulated_Expect_Rms_Equal_To_Na_At_Sample_Times()
    {
        const double nt = 10e-9;
        ResultTable tran = Run("1m 10n", "10n 100u", 5);
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(n)");
        var samples = new List<double>();
        for (int i = 0; i < t.Length; i++)
        {
            double k = t[i] / nt;
            if (t[i] > 0 && Math.Abs(k - Math.Round(k)) < 1e-6)
            {
                samples.Add(v[i]);
            }
        }

        double rms = Math.Sqrt(samples.Average(x => x * x));
        double mean = samples.Average();
        TestContext.Out.WriteLine($"{samples.Count} samples: rms {rms:G4} V, mean {mean:G3} V");
        Assert.That(samples, Has.Count.GreaterThan(9000));
        Tolerance.AssertClose(rms, 1e-3, 0.05, 0, "rms of white TRNOISE");
        Assert.That(Math.Abs(mean), Is.LessThan(4 * 1e-3 / Math.Sqrt(samples.Count)));
    }

    [Test]
    public void When_Seed_Is_Repeated_Expect_Identical_Waveform_And_Different_Seed_Differs()
    {
        double[] a = Run("1m 10n", "10n 2u", 7).Column("v(n)");
        double[] b = Run("1m 10n", "10n 2u", 7).Column("v(n)");
        double[] c = Run("1m 10n", "10n 2u", 8).Column("v(n)");
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c.Zip(a, (x, y) => Math.Abs(x - y)).Max(), Is.GreaterThan(1e-4));
    }

    [Test]
    public void When_Rts_Trnoise_Is_Simulated_Expect_Dwell_Times_And_Occupancy_Of_Capture_And_Emission()
    {
        // RTSAM 1 mV, mean 1 us low (capture time) and 2 us high (emission time).
        ResultTable tran = Run("0 0 0 0 1m 1u 2u", "10n 1m 0 10n", 11);
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(n)");
        double high = 0;
        int highPeriods = 0;
        int lowPeriods = 0;
        for (int i = 1; i < t.Length; i++)
        {
            bool isHigh = v[i - 1] > 0.5e-3;
            if (isHigh)
            {
                high += t[i] - t[i - 1];
            }

            bool nextHigh = v[i] > 0.5e-3;
            if (nextHigh && !isHigh)
            {
                highPeriods++;
            }
            else if (!nextHigh && isHigh)
            {
                lowPeriods++;
            }
        }

        double total = t[^1];
        double meanHigh = high / highPeriods;
        double meanLow = (total - high) / Math.Max(lowPeriods, 1);
        TestContext.Out.WriteLine($"{highPeriods} high periods: occupancy {high / total:G4}, mean high {meanHigh:G4} s, mean low {meanLow:G4} s");
        Assert.That(highPeriods, Is.GreaterThan(200));
        Tolerance.AssertClose(high / total, 2.0 / 3.0, 0.1, 0, "fraction of time high");
        Tolerance.AssertClose(meanHigh, 2e-6, 0.15, 0, "mean dwell time high (RTSEMT)");
        Tolerance.AssertClose(meanLow, 1e-6, 0.15, 0, "mean dwell time low (RTSCAPT)");
    }
}
