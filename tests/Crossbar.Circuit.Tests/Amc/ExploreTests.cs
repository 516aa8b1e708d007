using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

[Explicit]
public class ExploreTests
{
    [TestCase(128, 8, 0.02, 8)]
    [TestCase(128, 8, 0.0, 0)]
    [TestCase(16, 4, 0.02, 8)]
    [TestCase(16, 4, 0.0, 0)]
    public void Rho(int rx, int tx, double sigma, int conv)
    {
        var rhos = new List<double>();
        var errs = new List<double>();
        for (int f = 0; f < 200; f++)
        {
            var g = MatrixGenerators.MimoGram(rx, tx, f);
            var b = new double[2 * tx];
            for (int i = 0; i < b.Length; i++) b[i] = g[i, 0] + (0.3 * g[i, 1]);
            var o = new HpInvOptions
            {
                Backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = sigma, DacBits = conv, AdcBits = conv }),
                MaxIterations = 3, TargetRelativeError = 0, Seed = f, StopOnPredictedDivergence = false,
            };
            var r = HpInvSolver.Solve(g, b, o);
            rhos.Add(r.SpectralRadius);
            errs.Add(r.FinalRelativeError);
        }
        rhos.Sort(); errs.Sort();
        TestContext.Out.WriteLine($"{rx}x{tx} σ={sigma} conv={conv}: rho median {rhos[100]:G3} p90 {rhos[180]:G3} max {rhos[^1]:G3}; err3 median {errs[100]:G3} p90 {errs[180]:G3} max {errs[^1]:G3}");
    }
}
