using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Builders;
using Crossbar.Circuit.Tests.Engine;
using Crossbar.Devices.Noise;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// An 8×8 INV circuit whose cells carry white read noise (<see cref="Devices.Noise.CellReadNoise"/>), exported with a
/// TRNOISE voltage source and a B source per cell, run in ngspice and in CrossbarSim: the random numbers differ, so the
/// output noise is compared statistically (standard deviation at the sample times k·NT, and both against the analytic
/// noise gain of the loop).
/// </summary>
[TestFixture]
public class CellNoiseNgspiceTests
{
    private const double Sigma = 0.01;
    private const double SampleTime = 5e-6;
    private const int Samples = 400;

    /// <summary>Values of a waveform at t = k·NT, k = skip..count, by linear interpolation between its points.</summary>
    private static double[] AtSampleTimes(double[] time, double[] value, int skip, int count)
    {
        var result = new double[count - skip + 1];
        int r = 0;
        for (int k = skip; k <= count; k++)
        {
            double t = k * SampleTime;
            while (r + 1 < time.Length && time[r + 1] < t)
            {
                r++;
            }

            int next = Math.Min(r + 1, time.Length - 1);
            double span = time[next] - time[r];
            result[k - skip] = span > 0 ? value[r] + ((value[next] - value[r]) * (t - time[r]) / span) : value[next];
        }

        return result;
    }

    private static (double Mean, double Std) Statistics(double[] x)
    {
        double mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)));
    }

    /// <summary>Time-weighted mean and standard deviation of a piecewise-linear waveform from <paramref name="from"/> on.</summary>
    private static (double Mean, double Std) TimeStatistics(double[] time, double[] value, double from)
    {
        double span = 0, first = 0, second = 0;
        for (int r = 1; r < time.Length; r++)
        {
            if (time[r - 1] < from)
            {
                continue;
            }

            double dt = time[r] - time[r - 1];
            double a = value[r - 1];
            double b = value[r];
            span += dt;
            first += dt * (a + b) / 2;
            second += dt * ((a * a) + (a * b) + (b * b)) / 3;
        }

        double mean = first / span;
        return (mean, Math.Sqrt(Math.Max(0, (second / span) - (mean * mean))));
    }

    [Test]
    public void When_Cell_With_White_Flicker_And_Telegraph_Noise_Is_Exported_Expect_Ngspice_Current_Mean_And_Std_Agree()
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate(TimeSpan.FromSeconds(300));
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        // One 20 µS cell at 0.2 V: white 1%, 1/f NAMP 0.2%, telegraph 5% high 2/3 of the time (capture 1 µs, emission 2 µs).
        var noise = new CellReadNoise
        {
            WhiteSigma = 0.01,
            SampleTime = 50e-9,
            FlickerAmplitude = 0.002,
            RtsAmplitude = 0.05,
            RtsCaptureTime = 1e-6,
            RtsEmissionTime = 2e-6,
        };
        var builder = new NetlistBuilder()
            .Add("Vc", 0.2, "c", "0")
            .Add("Vs", 0, "r", "0")
            .Tran(50e-9, 500e-6, 50e-9);
        builder.Netlist.Arrays.Add(new CrossbarArrayCard("x", ["r"], ["c"], [20e-6]) { CellNoise = noise, NoiseSeed = 12 });
        builder.Netlist.Saves.Add(new OutputVector('i', "Vs"));
        string deck = NetlistWriter.Write(builder.Netlist);
        Assert.That(deck, Does.Contain("TRNOISE(0.01 5e-08 1 0.002 0.05 1e-06 2e-06)"));

        RawPlot plot = runner!.Run(deck, "cell_noise_rtn.cir").Plots.Single(p => p.Analysis == "tran");
        ResultTable ours = CircuitSimulator.Run(builder.Netlist).Find("tran")!;
        (double ngMean, double ngStd) = TimeStatistics(plot.Column("time"), plot.Column("i(vs)").Select(Math.Abs).ToArray(), 1e-6);
        (double ourMean, double ourStd) = TimeStatistics(ours.Column("time"), ours.Column("i(vs)").Select(Math.Abs).ToArray(), 1e-6);
        const double nominal = 4e-6;
        double expectedMean = nominal * (1 + (0.05 * 2 / 3));
        TestContext.Out.WriteLine($"mean current: ngspice {ngMean:G5} A, CrossbarSim {ourMean:G5} A, expected {expectedMean:G5} A; " +
            $"relative std: ngspice {ngStd / nominal:G4}, CrossbarSim {ourStd / nominal:G4}");
        // ngspice draws a new realisation every run (its seed is not ours to set from the deck): over 500 µs the 1/f part
        // (which does not average out) and ~170 telegraph cycles leave its mean uncertain by a few tenths of a percent;
        // 0.6% off was seen. 1.2% still tells occupancy 2/3 (4.133 µA) from 1/3 (4.067 µA, 1.6% off) or none (4 µA).
        Tolerance.AssertClose(ngMean, expectedMean, 0.012, 0, "ngspice mean cell current (telegraph occupancy 2/3)");
        Tolerance.AssertClose(ourMean, expectedMean, 0.005, 0, "CrossbarSim mean cell current");
        Tolerance.AssertClose(ngStd, ourStd, 0.3, 0, "std of the cell current");
    }

    [Test]
    public void When_Noisy_Inv_Deck_Runs_In_Ngspice_Expect_Output_Noise_Std_Within_30_Percent_Of_CrossbarSim()
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate(TimeSpan.FromSeconds(300));
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        InvCircuit inv = CellNoiseTests.NoisyInv(Sigma, SampleTime, Samples, seed: 4);
        string deck = NetlistWriter.Write(inv.Netlist);
        NgspiceResult ngspice = runner!.Run(deck, "inv8_cell_noise.cir");
        RawPlot plot = ngspice.Plots.Single(p => p.Analysis == "tran");
        ResultTable ours = CircuitSimulator.Run(inv.Netlist).Find("tran")!;

        double[] ngTime = plot.Column("time");
        double[] ourTime = ours.Column("time");
        string[] outputs = inv.OutputColumns.ToArray();
        var mean = new double[outputs.Length];
        var ngStd = new double[outputs.Length];
        var ourStd = new double[outputs.Length];
        for (int k = 0; k < outputs.Length; k++)
        {
            (double ngMean, ngStd[k]) = Statistics(AtSampleTimes(ngTime, plot.Column(outputs[k]), 2, Samples));
            (mean[k], ourStd[k]) = Statistics(AtSampleTimes(ourTime, ours.Column(outputs[k]), 2, Samples));
            Tolerance.AssertClose(ngMean, mean[k], 0.02, 1e-3, $"mean of {outputs[k]}");
        }

        double[] analytic = CellNoiseTests.AnalyticVariance(inv, Sigma, mean).Select(Math.Sqrt).ToArray();
        TestContext.Out.WriteLine($"ngspice: {ngTime.Length} points; CrossbarSim: {ourTime.Length} points; {Samples - 1} samples per output");
        for (int k = 0; k < outputs.Length; k++)
        {
            TestContext.Out.WriteLine($"{outputs[k]}: std ngspice {ngStd[k]:G4} V, CrossbarSim {ourStd[k]:G4} V, analytic {analytic[k]:G4} V");
        }

        double ngRms = Math.Sqrt(ngStd.Average(s => s * s));
        double ourRms = Math.Sqrt(ourStd.Average(s => s * s));
        double analyticRms = Math.Sqrt(analytic.Average(s => s * s));
        TestContext.Out.WriteLine($"rms over outputs: ngspice {ngRms:G4} V, CrossbarSim {ourRms:G4} V, analytic {analyticRms:G4} V");
        for (int k = 0; k < outputs.Length; k++)
        {
            Tolerance.AssertClose(ngStd[k], ourStd[k], 0.3, 0, $"output noise std of {outputs[k]}");
        }

        Tolerance.AssertClose(ngRms, analyticRms, 0.1, 0, "ngspice rms output noise vs analytic");
        Tolerance.AssertClose(ourRms, analyticRms, 0.1, 0, "CrossbarSim rms output noise vs analytic");
    }
}
