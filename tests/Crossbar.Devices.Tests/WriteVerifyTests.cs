using Crossbar.Devices.Programming;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class WriteVerifyTests
{
    private static double[,] Targets(int rows, int cols, ConductanceLevels levels)
    {
        var t = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[i, j] = levels.Levels[((i * cols) + j) % levels.LevelCount];
            }
        }

        return t;
    }

    [Test]
    public void When_NoiselessProportionalSteps_Expect_AnalyticPulseCount()
    {
        var options = new WriteVerifyOptions { StepGain = 0.5, CycleToCycleSigma = 0.0, RelativeTolerance = 0.02, InitialConductance = 0.5e-6 };
        var result = new WriteVerifyProgrammer(options).Program(new double[,] { { 20e-6, 35e-6 } }, seed: 1);
        for (int c = 0; c < 2; c++)
        {
            double target = result.Target[c];
            int expected = (int)Math.Ceiling(Math.Log(0.02 * target / (target - 0.5e-6)) / Math.Log(0.5));
            Assert.That(result.Pulses[c], Is.EqualTo(expected));
            Assert.That(result.Status[c], Is.EqualTo(CellStatus.Verified));
            Assert.That(Math.Abs(result.Conductance[c] - target), Is.LessThanOrEqualTo(0.02 * target));
        }
    }

    [Test]
    public void When_StochasticWriteVerifyOnThreeBitLevels_Expect_AllVerifiedWithPlausiblePulseStatistics()
    {
        var levels = new ConductanceLevels();
        var options = new WriteVerifyOptions { StepGain = 0.5, CycleToCycleSigma = 0.3, DeviceToDeviceSigma = 0.2, RelativeTolerance = 0.05, MaxPulses = 100 };
        var result = new WriteVerifyProgrammer(options).Program(Targets(64, 64, levels), seed: 42);

        // Noiseless reference: ceil(log(0.05·t/|t − G_init|)/log(0.5)) pulses per non-trivial level, 0 for the lowest.
        double reference = 0.0;
        for (int k = 1; k < 8; k++)
        {
            double t = levels.Levels[k];
            reference += Math.Ceiling(Math.Log(0.05 * t / (t - 0.5e-6)) / Math.Log(0.5));
        }

        reference /= 8;
        Assert.Multiple(() =>
        {
            Assert.That(result.SuccessRate, Is.EqualTo(1.0));
            Assert.That(result.CountOf(CellStatus.Failed), Is.EqualTo(0));
            Assert.That(result.MeanPulses, Is.EqualTo(reference).Within(1.5), "mean pulses vs the noiseless count");
            Assert.That(result.Pulses.Max(), Is.LessThan(40));
        });
        for (int c = 0; c < result.Count; c++)
        {
            Assert.That(Math.Abs(result.Conductance[c] - result.Target[c]), Is.LessThanOrEqualTo((0.05 * result.Target[c]) + 1e-18));
        }
    }

    [Test]
    public void When_BandTighterThanReachableInMaxPulses_Expect_AllFailedAtMaxPulses()
    {
        var options = new WriteVerifyOptions { StepGain = 0.5, CycleToCycleSigma = 0.0, RelativeTolerance = 1e-6, MaxPulses = 3 };
        var result = new WriteVerifyProgrammer(options).Program(new double[,] { { 10e-6, 20e-6, 30e-6 } }, seed: 3);
        Assert.Multiple(() =>
        {
            Assert.That(result.CountOf(CellStatus.Failed), Is.EqualTo(3));
            Assert.That(result.Pulses, Is.All.EqualTo(3));
            Assert.That(result.SuccessRate, Is.EqualTo(0.0));
        });
    }

    [Test]
    public void When_AdditiveSteps_Expect_VerifiedWithinBandAndPulsesNearDistanceOverStep()
    {
        var options = new WriteVerifyOptions { StepModel = PulseStepModel.Additive, StepSize = 1e-6, CycleToCycleSigma = 0.1, RelativeTolerance = 0.05, MaxPulses = 200 };
        var targets = new double[20, 20];
        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < 20; j++)
            {
                targets[i, j] = 30.5e-6;
            }
        }

        var result = new WriteVerifyProgrammer(options).Program(targets, seed: 5);
        Assert.That(result.SuccessRate, Is.EqualTo(1.0));

        // 30 µS to cover in ~1 µS steps until within 1.525 µS: about 29 pulses.
        Assert.That(result.MeanPulses, Is.EqualTo(29.0).Within(2.0));
    }

    [Test]
    public void When_StuckAtRates_Expect_CountsWithinFiveSigmaOfBinomial()
    {
        const int rows = 100, cols = 100;
        var options = new WriteVerifyOptions { StuckAtMinimumRate = 0.05, StuckAtMaximumRate = 0.02 };
        var result = new WriteVerifyProgrammer(options).Program(Targets(rows, cols, new ConductanceLevels()), seed: 11);
        int n = rows * cols;
        foreach (var (status, p) in new[] { (CellStatus.StuckAtMinimum, 0.05), (CellStatus.StuckAtMaximum, 0.02) })
        {
            double sigma = Math.Sqrt(n * p * (1 - p));
            Assert.That(result.CountOf(status), Is.EqualTo(n * p).Within(5 * sigma), status.ToString());
        }

        for (int c = 0; c < n; c++)
        {
            if (result.Status[c] == CellStatus.StuckAtMaximum)
            {
                Assert.That(result.Conductance[c], Is.EqualTo(35e-6));
                Assert.That(result.Pulses[c], Is.EqualTo(0));
            }
        }
    }

    [Test]
    public void When_SameSeed_Expect_BitIdenticalArrays()
    {
        var options = new WriteVerifyOptions { DeviceToDeviceSigma = 0.3, StuckAtMinimumRate = 0.01, StuckAtMaximumRate = 0.01 };
        var targets = Targets(16, 16, new ConductanceLevels());
        var a = new WriteVerifyProgrammer(options).Program(targets, seed: 99);
        var b = new WriteVerifyProgrammer(options).Program(targets, seed: 99);
        var c = new WriteVerifyProgrammer(options).Program(targets, seed: 100);
        Assert.Multiple(() =>
        {
            Assert.That(a.Conductance, Is.EqualTo(b.Conductance));
            Assert.That(a.Pulses, Is.EqualTo(b.Pulses));
            Assert.That(a.Status, Is.EqualTo(b.Status));
            Assert.That(a.Conductance, Is.Not.EqualTo(c.Conductance));
        });
    }

    [Test]
    public void When_FaultMapAcrossModes_Expect_SameStuckCellsForSameSeed()
    {
        var programmer = new WriteVerifyProgrammer(new WriteVerifyOptions { StuckAtMinimumRate = 0.1 });
        var targets = Targets(10, 10, new ConductanceLevels());
        var verify = programmer.Program(targets, seed: 8);
        var fast = programmer.ProgramWithError(targets, 0.05, seed: 8);
        Assert.That(fast.Status.Select(s => s == CellStatus.StuckAtMinimum), Is.EqualTo(verify.Status.Select(s => s == CellStatus.StuckAtMinimum)));
    }

    [Test]
    public void When_FastModeWithError_Expect_RelativeErrorStandardDeviationSigma()
    {
        var targets = new double[100, 100];
        for (int i = 0; i < 100; i++)
        {
            for (int j = 0; j < 100; j++)
            {
                targets[i, j] = 20e-6;
            }
        }

        var result = new WriteVerifyProgrammer().ProgramWithError(targets, 0.1, seed: 4);
        double[] rel = result.Conductance.Select(g => (g / 20e-6) - 1).ToArray();
        double mean = rel.Average();
        double sd = Math.Sqrt(rel.Select(x => (x - mean) * (x - mean)).Sum() / (rel.Length - 1));
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(0.0).Within(5 * 0.1 / 100));
            AssertClose(sd, 0.1, 0.05);
            Assert.That(result.Status, Is.All.EqualTo(CellStatus.Programmed));
            Assert.That(result.Pulses, Is.All.EqualTo(1));
        });
    }

    [Test]
    public void When_FastModeErrorHuge_Expect_ClippedToZeroAndSaturation()
    {
        var result = new WriteVerifyProgrammer().ProgramWithError(new double[,] { { 30e-6, 30e-6, 30e-6, 30e-6, 30e-6, 30e-6 } }, 10.0, seed: 2);
        Assert.That(result.Conductance, Is.All.InRange(0.0, 1.2 * 35e-6));
    }

    [Test]
    public void When_ConductanceMatrixRequested_Expect_RowMajorLayout()
    {
        var result = new WriteVerifyProgrammer(new WriteVerifyOptions { CycleToCycleSigma = 0 }).ProgramWithError(new double[,] { { 1e-6, 2e-6 }, { 3e-6, 4e-6 } }, 0.0, seed: 0);
        Assert.That(result.ConductanceMatrix(), Is.EqualTo(new double[,] { { 1e-6, 2e-6 }, { 3e-6, 4e-6 } }));
        Assert.That(result.IndexOf(1, 0), Is.EqualTo(2));
    }

    [Test]
    public void When_StuckRatesExceedOne_Expect_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new WriteVerifyProgrammer(new WriteVerifyOptions { StuckAtMinimumRate = 0.7, StuckAtMaximumRate = 0.6 }));
        Assert.That(ex!.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void When_StepGainOutOfRange_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new WriteVerifyOptions { StepGain = 2.5 });
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(WriteVerifyOptions.StepGain)));
    }

    [Test]
    public void When_TargetsShapeMismatch_Expect_ArgumentExceptionNamingTargets()
    {
        var ex = Assert.Throws<ArgumentException>(() => new WriteVerifyProgrammer().Program(new double[5], 2, 3, seed: 0));
        Assert.That(ex!.ParamName, Is.EqualTo("targets"));
    }
}
