using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>Measures the time of MathNet's dense LU solve of a system on this machine (the digital baseline).</summary>
public static class DigitalReference
{
    /// <summary>Median wall time of one LU factorisation plus solve, over batches lasting at least ~2 ms each.</summary>
    /// <param name="a">A.</param>
    /// <param name="b">b.</param>
    /// <returns>Seconds per solve.</returns>
    public static double MeasureLuSolveTime(double[,] a, double[] b)
    {
        var m = Matrix<double>.Build.DenseOfArray(a);
        var v = Vector<double>.Build.DenseOfArray(b);
        double sink = m.LU().Solve(v)[0];
        int repeat = 1;
        var watch = new Stopwatch();
        while (true)
        {
            watch.Restart();
            for (int i = 0; i < repeat; i++)
            {
                sink += m.LU().Solve(v)[0];
            }

            watch.Stop();
            if (watch.Elapsed.TotalMilliseconds >= 2.0 || repeat >= 1 << 20)
            {
                break;
            }

            repeat *= 2;
        }

        var samples = new double[7];
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
