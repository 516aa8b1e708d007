using Crossbar.Devices.Programming;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class DriftAndVariationTests
{
    [Test]
    public void When_TimeNotAfterReference_Expect_ProgrammedConductance()
    {
        var drift = new ConductanceDrift();
        var g = drift.Apply([10e-6, 20e-6], 0.5, seed: 1);
        Assert.That(g, Is.EqualTo(new[] { 10e-6, 20e-6 }));
    }

    [Test]
    public void When_DeterministicPowerLaw_Expect_GTimesTOverT0ToMinusNu()
    {
        var drift = new ConductanceDrift { DriftExponentMean = 0.05, DriftExponentSigma = 0.0, RelaxationSigmaPerDecade = 0.0 };
        var g = drift.Apply([10e-6], 1e4, seed: 1);
        AssertClose(g[0], 10e-6 * Math.Pow(1e4, -0.05), 1e-14);
    }

    [Test]
    public void When_RelaxationOnly_Expect_SpreadGrowingWithLogTime()
    {
        var drift = new ConductanceDrift { DriftExponentMean = 0.0, DriftExponentSigma = 0.0, RelaxationSigmaPerDecade = 0.01 };
        var g0 = Enumerable.Repeat(10e-6, 20000).ToArray();
        foreach (double decades in new[] { 2.0, 4.0 })
        {
            var g = drift.Apply(g0, Math.Pow(10, decades), seed: 3);
            double mean = g.Average();
            double sd = Math.Sqrt(g.Select(x => (x - mean) * (x - mean)).Sum() / (g.Length - 1));
            AssertClose(sd / 10e-6, 0.01 * decades, 0.05);
        }
    }

    [Test]
    public void When_SameSeedLaterTime_Expect_ConsistentTrajectories()
    {
        var drift = new ConductanceDrift { DriftExponentSigma = 0.0, RelaxationSigmaPerDecade = 0.02 };
        var g0 = Enumerable.Repeat(10e-6, 100).ToArray();
        var early = drift.Apply(g0, 100, seed: 9);
        var late = drift.Apply(g0, 1e4, seed: 9);
        for (int i = 0; i < g0.Length; i++)
        {
            // With a common exponent, the relaxation deviation keeps its sign and doubles in size from 2 to 4 decades.
            double dEarly = early[i] - (10e-6 * Math.Pow(100, -0.005));
            double dLate = late[i] - (10e-6 * Math.Pow(1e4, -0.005));
            AssertClose(dLate, 2 * dEarly, 1e-9, 1e-20);
        }
    }

    [Test]
    public void When_NegativeTime_Expect_ArgumentExceptionNamingTime()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ConductanceDrift().Apply([1e-6], -1.0, seed: 0));
        Assert.That(ex!.ParamName, Is.EqualTo("time"));
    }

    [TestCase(VariationDistribution.Normal)]
    [TestCase(VariationDistribution.LogNormal)]
    public void When_DeviceVariation_Expect_MeanOneAndRelativeSigma(VariationDistribution distribution)
    {
        var g = DeviceVariation.Apply(Enumerable.Repeat(1.0, 40000).ToArray(), 0.2, distribution, seed: 12);
        double mean = g.Average();
        double sd = Math.Sqrt(g.Select(x => (x - mean) * (x - mean)).Sum() / (g.Length - 1));
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(1.0).Within(5 * 0.2 / 200));
            AssertClose(sd, 0.2, 0.03);
            Assert.That(g.Min(), Is.GreaterThanOrEqualTo(0.0));
        });
    }
}
