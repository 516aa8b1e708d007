using System.Numerics;
using Crossbar.Devices;

namespace Crossbar.Circuit.Amc;

/// <summary>Rayleigh MIMO channel and its real-form Gram matrix.</summary>
public static class MimoChannel
{
    /// <summary>H, rx × tx, entries CN(0, 1) (real and imaginary parts N(0, 1/2)).</summary>
    /// <param name="rx">Receive antennas.</param>
    /// <param name="tx">Transmit antennas.</param>
    /// <param name="random">Generator.</param>
    /// <returns>H.</returns>
    public static Complex[,] Rayleigh(int rx, int tx, Random random)
    {
        if (rx < 1 || tx < 1 || tx > rx)
        {
            throw new ArgumentException($"need 1 ≤ tx ≤ rx, got rx = {rx}, tx = {tx}.", nameof(tx));
        }

        double s = Math.Sqrt(0.5);
        var h = new Complex[rx, tx];
        for (int i = 0; i < rx; i++)
        {
            for (int j = 0; j < tx; j++)
            {
                double re = SeededRandom.StandardNormal(random);
                double im = SeededRandom.StandardNormal(random);
                h[i, j] = new Complex(s * re, s * im);
            }
        }

        return h;
    }

    /// <summary>Real form of a complex matrix: [[Re M, −Im M], [Im M, Re M]].</summary>
    /// <param name="m">M.</param>
    /// <returns>The 2r × 2c real matrix.</returns>
    public static double[,] RealForm(Complex[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var a = new double[2 * r, 2 * c];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                a[i, j] = m[i, j].Real;
                a[i, j + c] = -m[i, j].Imaginary;
                a[i + r, j] = m[i, j].Imaginary;
                a[i + r, j + c] = m[i, j].Real;
            }
        }

        return a;
    }

    /// <summary>Real form of HᴴH, computed in double precision.</summary>
    /// <param name="h">H.</param>
    /// <returns>The 2tx × 2tx real Gram matrix.</returns>
    public static double[,] RealGram(Complex[,] h)
    {
        int rx = h.GetLength(0), tx = h.GetLength(1);
        var g = new Complex[tx, tx];
        for (int i = 0; i < tx; i++)
        {
            for (int j = 0; j < tx; j++)
            {
                Complex sum = Complex.Zero;
                for (int k = 0; k < rx; k++)
                {
                    sum += Complex.Conjugate(h[k, i]) * h[k, j];
                }

                g[i, j] = sum;
            }
        }

        return RealForm(g);
    }
}
