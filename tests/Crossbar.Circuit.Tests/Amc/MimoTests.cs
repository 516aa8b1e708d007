using System.Numerics;
using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class MimoTests
{
    [TestCase(4)]
    [TestCase(16)]
    [TestCase(64)]
    [TestCase(256)]
    public void When_QamIsMapped_Expect_UnitEnergyAndGrayNeighbours(int order)
    {
        var q = new QamConstellation(order);
        double energy = 0;
        for (int s = 0; s < order; s++)
        {
            Complex c = q.Map(s);
            energy += c.Real * c.Real + (c.Imaginary * c.Imaginary);
            Assert.That(q.Demap(c.Real, c.Imaginary), Is.EqualTo(s));
            Complex right = c + new Complex(2 * q.Normalization, 0);
            if (right.Real < 1.0 / q.Normalization * q.Normalization * q.Levels * q.Normalization)
            {
                int n = q.Demap(right.Real, right.Imaginary);
                Assert.That(n == s || int.PopCount(n ^ s) == 1, Is.True);
            }
        }

        Assert.That(energy / order, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void When_16x4At0And5dB_Expect_HpInvBerEqualsFp32WithinStatisticalError()
    {
        var options = new MimoOptions
        {
            Rx = 16,
            Tx = 4,
            Qam = 16,
            SnrDb = [0.0, 5.0],
            MaxFrames = 150,
            MinErrors = 1_000_000,
            HpInv = new HpInvOptions
            {
                Backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 }),
                MvmBackend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 }),
                MaxIterations = 3,
                TargetRelativeError = 0.0,
                StopOnPredictedDivergence = false,
            },
            Seed = 3,
        };
        var points = MimoDetection.Run(options);
        foreach (var p in points)
        {
            TestContext.Out.WriteLine($"{p.SnrDb} dB: hp {p.ErrorsHpInv} fp32 {p.ErrorsFp32} fp64 {p.ErrorsFp64} of {p.Bits}, disagreements {p.DisagreementsHpInvFp32}");
            Assert.That(p.Bits, Is.EqualTo(150 * 4 * 4));
            Assert.That(p.ErrorsFp32, Is.GreaterThan(20));
            Assert.That(Math.Abs(p.ErrorsHpInv - p.ErrorsFp32), Is.LessThanOrEqualTo(3.0 * Math.Sqrt(p.ErrorsFp32 + p.ErrorsHpInv)));
            Assert.That(p.ErrorsFp64, Is.EqualTo(p.ErrorsFp32).Within(2));
        }
    }

    [Test]
    public void When_RealGramIsFormed_Expect_SymmetricRealFormOfHermitianGram()
    {
        var g = MatrixGenerators.MimoGram(16, 4, seed: 1);
        Assert.That(g.GetLength(0), Is.EqualTo(8));
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                Assert.That(g[i, j], Is.EqualTo(g[j, i]).Within(1e-12));
            }
        }

        Assert.That(g[0, 4], Is.EqualTo(0.0).Within(1e-12), "Im of a Hermitian diagonal is zero");
    }
}
