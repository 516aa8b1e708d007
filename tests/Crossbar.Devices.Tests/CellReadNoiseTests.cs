using Crossbar.Devices.Noise;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class CellReadNoiseTests
{
    private const int Cells = 64;
    private const int Samples = 2000;

    private static double[][] SampleCells(CellReadNoise noise, int arraySeed)
    {
        TransientNoiseSource[] cells = noise.Realise(arraySeed, Cells);
        return cells.Select(c => Enumerable.Range(1, Samples).Select(k => c.Sample(k)).ToArray()).ToArray();
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average();
        double my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    [Test]
    public void When_Array_Is_Realised_Expect_Each_Cell_White_Sigma_And_Cells_Uncorrelated()
    {
        var noise = new CellReadNoise { WhiteSigma = 0.01, SampleTime = 10e-9 };
        double[][] n = SampleCells(noise, 17);
        double rms = Math.Sqrt(n.SelectMany(x => x).Average(v => v * v));
        var correlations = new List<double>();
        for (int a = 0; a < Cells; a++)
        {
            for (int b = a + 1; b < Cells; b++)
            {
                correlations.Add(Correlation(n[a], n[b]));
            }
        }

        double largest = correlations.Max(Math.Abs);
        double meanAbs = correlations.Average(Math.Abs);
        TestContext.Out.WriteLine($"rms {rms:G4}; {correlations.Count} cell pairs, {Samples} samples: mean |ρ| {meanAbs:G3}, max |ρ| {largest:G3} (1/√N = {1 / Math.Sqrt(Samples):G3})");
        AssertClose(rms, 0.01, 0.02);
        Assert.That(meanAbs, Is.LessThan(1.2 * Math.Sqrt(2 / Math.PI) / Math.Sqrt(Samples)));
        Assert.That(largest, Is.LessThan(5 / Math.Sqrt(Samples)));
    }

    [Test]
    public void When_Seed_Is_Repeated_Expect_Identical_Samples_And_Another_Array_Seed_Differs()
    {
        CellReadNoise noise = CellReadNoise.TaOxAssumed;
        double[][] a = SampleCells(noise, 5);
        double[][] b = SampleCells(noise, 5);
        double[][] c = SampleCells(noise, 6);
        Assert.That(b.SelectMany(x => x), Is.EqualTo(a.SelectMany(x => x)));
        Assert.That(Math.Abs(Correlation(a[0], c[0])), Is.LessThan(5 / Math.Sqrt(Samples)));
    }

    [Test]
    public void When_Array_Seed_Is_Derived_Expect_Name_And_Seed_Both_Matter_And_Case_Does_Not()
    {
        int xp = CellReadNoise.ArraySeed(1, "xp");
        Assert.That(CellReadNoise.ArraySeed(1, "XP"), Is.EqualTo(xp));
        Assert.That(CellReadNoise.ArraySeed(1, "xn"), Is.Not.EqualTo(xp));
        Assert.That(CellReadNoise.ArraySeed(2, "xp"), Is.Not.EqualTo(xp));
        Assert.That(CellReadNoise.CellSeed(xp, 3), Is.EqualTo(SeededRandom.DeriveSeed(xp, 3)));
    }

    [Test]
    public void When_Relative_Process_Is_Built_Expect_Trnoise_Parameters_With_Flicker_Off_Below_Zero_Amplitude()
    {
        TransientNoiseParameters p = CellReadNoise.TaOxAssumed.RelativeProcess;
        Assert.That(new[] { p.WhiteAmplitude, p.SampleTime, p.FlickerExponent, p.FlickerAmplitude, p.RtsAmplitude, p.RtsCaptureTime, p.RtsEmissionTime },
            Is.EqualTo(new[] { 0.01, 10e-9, 1.0, 0.002, 0.01, 1e-6, 1e-6 }));
        Assert.That(new CellReadNoise { WhiteSigma = 0.01, SampleTime = 1e-9 }.RelativeProcess.FlickerExponent, Is.EqualTo(0.0));
        Assert.That(CellReadNoise.NoiseCurrent(4e-6, 0.01), Is.EqualTo(4e-8).Within(1e-22));
        Assert.That(CellReadNoise.TaOxAssumed.WhiteCurrentVariance(4e-6), Is.EqualTo(1.6e-15).Within(1e-27));
    }

    [Test]
    public void When_Noise_Is_On_Without_Sample_Time_Expect_Error_Naming_SampleTime()
    {
        var noise = new CellReadNoise { RtsAmplitude = 0.01, RtsCaptureTime = 1e-6, RtsEmissionTime = 1e-6 };
        var ex = Assert.Throws<ArgumentException>(() => noise.Realise(1, 4))!;
        Assert.That(ex.Message, Does.Contain("SampleTime (NT) must be positive"));
        Assert.That(new CellReadNoise().Realise(1, 4), Is.Empty);
        Assert.Throws<ArgumentException>(() => _ = new CellReadNoise { FlickerExponent = 2.5 });
    }
}
