using System.Numerics;
using Crossbar.Devices.Noise;
using MathNet.Numerics.IntegralTransforms;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class NoiseTests
{
    private static double StandardDeviation(IReadOnlyList<double> x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }

    [Test]
    public void When_WhiteReadNoise_Expect_RelativeSigma()
    {
        var noise = new WhiteReadNoise(0.02);
        var random = SeededRandom.Create(5);
        var reads = Enumerable.Range(0, 40000).Select(_ => noise.Sample(10e-6, random)).ToArray();
        AssertClose(StandardDeviation(reads) / 10e-6, 0.02, 0.03);
        Assert.That(reads.Average(), Is.EqualTo(10e-6).Within(5 * 0.02 * 10e-6 / 200));
    }

    [Test]
    public void When_TrnoiseAtTimeZero_Expect_ZeroAsInNgspice()
    {
        var source = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(1e-3, 1e-6, 1.0, 1e-3), seed: 1);
        Assert.That(source.Value(0.0), Is.EqualTo(0.0));
    }

    [Test]
    public void When_TrnoiseWhiteSampled_Expect_RmsEqualsNa()
    {
        var source = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(1e-3, 1e-6), seed: 2);
        var samples = Enumerable.Range(1, 50000).Select(k => source.Value(k * 1e-6)).ToArray();
        double rms = Math.Sqrt(samples.Average(v => v * v));
        AssertClose(rms, 1e-3, 0.02);
    }

    [Test]
    public void When_TrnoiseBetweenSamples_Expect_LinearInterpolation()
    {
        var source = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(1.0, 1e-3), seed: 3);
        double v5 = source.Sample(5), v6 = source.Sample(6);
        AssertClose(source.Value(5.25e-3), v5 + (0.25 * (v6 - v5)), 1e-12, 1e-15);
        AssertClose(source.Value(6e-3), v6, 1e-12, 1e-15);
    }

    [Test]
    public void When_SameSeedDifferentQueryOrder_Expect_IdenticalWaveform()
    {
        var p = TransientNoiseParameters.FromTrnoise(1e-3, 1e-6, 1.2, 5e-4, 2e-3, 20e-6, 10e-6);
        var forward = new TransientNoiseSource(p, seed: 77);
        var jumpy = new TransientNoiseSource(p, seed: 77);
        double[] times = Enumerable.Range(0, 500).Select(k => k * 0.37e-6).ToArray();
        jumpy.Value(times[^1]);
        var a = times.Select(forward.Value).ToArray();
        var b = times.Reverse().Select(jumpy.Value).Reverse().ToArray();
        Assert.That(b, Is.EqualTo(a));
        var other = new TransientNoiseSource(p, seed: 78);
        Assert.That(times.Select(other.Value).ToArray(), Is.Not.EqualTo(a));
    }

    [Test]
    public void When_RtsDwellTimes_Expect_MeansNearCaptureAndEmissionTimes()
    {
        var source = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(0, 0, 0, 0, 1e-3, 30e-6, 10e-6), seed: 4);
        var switches = source.RtsSwitchTimes(0.2);
        var low = new List<double> { switches[0] };
        var high = new List<double>();
        for (int k = 1; k < switches.Length; k++)
        {
            (k % 2 == 1 ? high : low).Add(switches[k] - switches[k - 1]);
        }

        // Exponential dwell: relative standard error 1/√n (n ≈ 5000 each); allow five of them.
        AssertClose(low.Average(), 30e-6, 5 / Math.Sqrt(low.Count));
        AssertClose(high.Average(), 10e-6, 5 / Math.Sqrt(high.Count));
        Assert.Multiple(() =>
        {
            Assert.That(source.Value((switches[0] + switches[1]) / 2), Is.EqualTo(1e-3));
            Assert.That(source.Value((switches[1] + switches[2]) / 2), Is.EqualTo(0.0));
            Assert.That(source.Value(switches[0] / 2), Is.EqualTo(0.0));
        });
    }

    [Test]
    public void When_RtsTimesBothZero_Expect_ConstantAmplitude()
    {
        var source = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(0, 0, 0, 0, 5e-3), seed: 4);
        Assert.That(new[] { 0.0, 1e-6, 1.0 }.Select(source.Value), Is.All.EqualTo(5e-3));
    }

    [TestCase(1.0)]
    [TestCase(1.5)]
    [TestCase(0.6)]
    public void When_FlickerSpectrum_Expect_SlopeMinusAlphaAndKasdinLevel(double alpha)
    {
        const double nt = 1e-6;
        const double namp = 1e-3;
        const int segment = 4096, segments = 32;
        var source = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(0, nt, alpha, namp), seed: 21);

        // Welch estimate with a Hann window, one-sided density.
        var psd = new double[(segment / 2) + 1];
        double windowPower = 0.0;
        for (int n = 0; n < segment; n++)
        {
            double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / segment));
            windowPower += w * w;
        }

        for (int s = 0; s < segments; s++)
        {
            var buffer = new Complex[segment];
            double mean = 0.0;
            for (int n = 0; n < segment; n++)
            {
                mean += source.Sample(1 + (s * segment) + n);
            }

            mean /= segment;
            for (int n = 0; n < segment; n++)
            {
                double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / segment));
                buffer[n] = w * (source.Sample(1 + (s * segment) + n) - mean);
            }

            Fourier.Forward(buffer, FourierOptions.NoScaling);
            for (int k = 1; k < psd.Length; k++)
            {
                psd[k] += 2.0 * nt * buffer[k].Magnitude * buffer[k].Magnitude / windowPower / segments;
            }
        }

        // Fit log S against log f over f·NT in [4/4096, 0.1].
        var xs = new List<double>();
        var ys = new List<double>();
        double levelRatio = 0.0;
        for (int k = 4; k < segment / 10; k++)
        {
            double f = k / (segment * nt);
            xs.Add(Math.Log(f));
            ys.Add(Math.Log(psd[k]));
            levelRatio += Math.Log(psd[k] / (2 * nt * namp * namp * Math.Pow(2 * Math.PI * f * nt, -alpha)));
        }

        double mx = xs.Average(), my = ys.Average();
        double slope = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / xs.Sum(x => (x - mx) * (x - mx));
        Assert.That(slope, Is.EqualTo(-alpha).Within(0.1), "spectral slope");
        Assert.That(Math.Exp(levelRatio / xs.Count), Is.EqualTo(1.0).Within(0.2), "level relative to Kasdin's density");
    }

    [Test]
    public void When_HistoryForgotten_Expect_LaterValuesUnchangedAndEarlierRejected()
    {
        var p = TransientNoiseParameters.FromTrnoise(1e-3, 1e-6, 0, 0, 1e-3, 5e-6, 5e-6);
        var a = new TransientNoiseSource(p, seed: 6);
        var b = new TransientNoiseSource(p, seed: 6);
        double expected = a.Value(300.5e-6);
        b.Value(200e-6);
        b.ForgetBefore(150e-6);
        Assert.That(b.Value(300.5e-6), Is.EqualTo(expected));
        var ex = Assert.Throws<ArgumentException>(() => b.Value(10e-6));
        Assert.That(ex!.ParamName, Is.EqualTo("time"));
    }

    [Test]
    public void When_WhiteNoiseWithoutSampleTime_Expect_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new TransientNoiseSource(TransientNoiseParameters.FromTrnoise(1e-3, 0.0), seed: 0));
        Assert.That(ex!.Message, Does.Contain("SampleTime"));
    }

    [TestCase(2.0)]
    [TestCase(-0.5)]
    public void When_FlickerExponentOutsideOpenInterval_Expect_ArgumentExceptionNamingIt(double alpha)
    {
        var ex = Assert.Throws<ArgumentException>(() => TransientNoiseParameters.FromTrnoise(0, 1e-6, alpha, 1e-3));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(TransientNoiseParameters.FlickerExponent)));
    }

    [Test]
    public void When_NegativeReadSigma_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new WhiteReadNoise(-0.1));
        Assert.That(ex!.ParamName, Is.EqualTo("relativeSigma"));
    }
}
