namespace Crossbar.Devices.Tests;

/// <summary>The one tolerance rule of the test suite: |a − e| ≤ rel·max(|a|, |e|) + abs.</summary>
internal static class Tolerance
{
    public static void AssertClose(double actual, double expected, double rel, double abs = 0.0, string? what = null)
    {
        double bound = (rel * Math.Max(Math.Abs(actual), Math.Abs(expected))) + abs;
        Assert.That(actual, Is.EqualTo(expected).Within(bound), what);
    }

    /// <summary>Central finite difference of f at x with step h.</summary>
    public static double CentralDifference(Func<double, double> f, double x, double h) => (f(x + h) - f(x - h)) / (2.0 * h);
}
