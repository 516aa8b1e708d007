namespace Crossbar.Circuit.Tests.Algebra;

/// <summary>The one tolerance rule of the test suite: |a − e| ≤ rel·max(|a|, |e|) + abs.</summary>
public static class Tolerance
{
    public static bool Close(double actual, double expected, double rel, double abs = 0)
        => Math.Abs(actual - expected) <= (rel * Math.Max(Math.Abs(actual), Math.Abs(expected))) + abs;

    /// <summary>Norm-wise relative difference ‖a − e‖₂ / ‖e‖₂ (‖a − e‖₂ when e = 0).</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = actual[i] - expected[i];
            diff += d * d;
            norm += expected[i] * expected[i];
        }

        return norm == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff / norm);
    }

    /// <summary>Norm-wise relative difference for complex vectors.</summary>
    public static double RelativeError(ReadOnlySpan<System.Numerics.Complex> actual, ReadOnlySpan<System.Numerics.Complex> expected)
    {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = (actual[i] - expected[i]).Magnitude;
            diff += d * d;
            norm += expected[i].Magnitude * expected[i].Magnitude;
        }

        return norm == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff / norm);
    }
}
