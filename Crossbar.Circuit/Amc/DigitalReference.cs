using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>Measures the time of MathNet's dense LU solve of a system on this machine (the digital baseline).</summary>
public static class DigitalReference
{
    /// <summary>
    /// Median wall time of one LU factorisation plus solve: after a warm-up (JIT tiers and caches settle), a batch size
    /// is chosen so that a batch lasts at least ~0.5 ms, then <paramref name="repeats"/> batches are timed and the median
    /// per-solve time is returned (single measurements varied 1.8–39 µs between identical runs).
    /// </summary>
    /// <param name="a">A.</param>
    /// <param name="b">b.</param>
    /// <param name="repeats">Timed batches (odd; default 31).</param>
    /// <returns>Seconds per solve.</returns>
    public static double MeasureLuSolveTime(double[,] a, double[] b, int repeats = 31)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var m = Matrix<double>.Build.DenseOfArray(a);
        var v = Vector<double>.Build.DenseOfArray(b);
        double sink = 0.0;
        var watch = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 50 && (warm < 2 || watch.Elapsed.TotalMilliseconds < 20.0))
        {
            sink += m.LU().Solve(v)[0];
            warm++;
        }

        int repeat = 1;
        while (true)
        {
            watch.Restart();
            for (int i = 0; i < repeat; i++)
            {
                sink += m.LU().Solve(v)[0];
            }

            watch.Stop();
            if (watch.Elapsed.TotalMilliseconds >= 0.5 || repeat >= 1 << 20)
            {
                break;
            }

            repeat *= 2;
        }

        var samples = new double[repeats];
        for (int s = 0; s < samples.Length; s++)
        {
            watch.Restart();
            for (int i = 0; i < repeat; i++)
            {
                sink += m.LU().Solve(v)[0];
            }

            watch.Stop();
            samples[s] = watch.Elapsed.TotalSeconds / repeat;
        }

        GC.KeepAlive(sink);
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }
}
