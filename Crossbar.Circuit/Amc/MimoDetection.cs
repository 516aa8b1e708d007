using System.Numerics;
using Crossbar.Devices;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>Parameters of a MIMO zero-forcing BER simulation.</summary>
public sealed record MimoOptions
{
    /// <summary>Receive antennas N_r.</summary>
    public int Rx { get; init; } = 128;

    /// <summary>Transmit antennas N_t.</summary>
    public int Tx { get; init; } = 8;

    /// <summary>QAM order.</summary>
    public int Qam { get; init; } = 256;

    /// <summary>SNR points per receive antenna (total transmit power over noise power).</summary>
    /// <value>dB.</value>
    public IReadOnlyList<double> SnrDb { get; init; } = [10.0];

    /// <summary>Frame cap per SNR point.</summary>
    public int MaxFrames { get; init; } = 10000;

    /// <summary>Stop a point once every detector has at least this many bit errors.</summary>
    public long MinErrors { get; init; } = 100;

    /// <summary>…or once this many bits were sent.</summary>
    public long MaxBits { get; init; } = 1_000_000;

    /// <summary>HP-INV settings (backend, slices, array size); its iteration limit is the detector's iteration count.
    /// A detector runs its iterations even when ρ ≥ 1 is predicted (set <see cref="HpInvOptions.StopOnPredictedDivergence"/>
    /// to false); such frames are counted in <see cref="MimoBerPoint.DivergentFrames"/>.</summary>
    public required HpInvOptions HpInv { get; init; }

    /// <summary>Run seed.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>BER of the three detectors at one SNR point.</summary>
/// <param name="SnrDb">SNR (dB).</param>
/// <param name="BerHpInv">BER with HP-INV solving the Gram system.</param>
/// <param name="BerFp64">BER of double-precision ZF.</param>
/// <param name="BerFp32">BER of single-precision ZF (float32 throughout).</param>
/// <param name="MeanIterations">Mean HP-INV iterations per frame.</param>
/// <param name="Frames">Frames simulated.</param>
/// <param name="Bits">Bits sent.</param>
/// <param name="ErrorsHpInv">Bit errors of HP-INV.</param>
/// <param name="ErrorsFp64">Bit errors of FP64 ZF.</param>
/// <param name="ErrorsFp32">Bit errors of FP32 ZF.</param>
/// <param name="DisagreementsHpInvFp32">Bits where HP-INV and FP32 decided differently (same frames, same noise).</param>
/// <param name="DivergentFrames">Frames whose programmed top slice gave ρ(I − Ã0⁻¹A) ≥ 1.</param>
/// <param name="MeanSpectralRadius">Mean ρ over the frames.</param>
public readonly record struct MimoBerPoint(double SnrDb, double BerHpInv, double BerFp64, double BerFp32, double MeanIterations,
    int Frames, long Bits, long ErrorsHpInv, long ErrorsFp64, long ErrorsFp32, long DisagreementsHpInvFp32, int DivergentFrames, double MeanSpectralRadius);

/// <summary>
/// Massive-MIMO zero-forcing detection x̂ = (HᴴH)⁻¹Hᴴy with the Gram system solved by HP-INV, FP64 LU and FP32 LU.
/// </summary>
/// <remarks>
/// docs/design.md §3 (paper: 16×4 and 128×8 antennas, 256-QAM, FP32-equal BER after about 3 iterations). Per frame:
/// H (N_r × N_t) with CN(0, 1) entries, Gray-coded QAM symbols of unit average energy, y = H·s + n with
/// n ~ CN(0, σ²), σ² = N_t/SNR (SNR per receive antenna: total transmit power N_t over noise power). The Gram matrix
/// and Hᴴy are formed digitally and solved in real form (2N_t × 2N_t). The three detectors see the same frames.
/// </remarks>
public static class MimoDetection
{
    /// <summary>Runs every SNR point.</summary>
    /// <param name="options">Parameters.</param>
    /// <param name="counter">Cost counter of all HP-INV runs (a new one when null).</param>
    /// <param name="onPoint">Called with each SNR point as it completes (progress reporting); null: no calls.</param>
    /// <returns>One point per SNR.</returns>
    public static IReadOnlyList<MimoBerPoint> Run(MimoOptions options, AmcCostCounter? counter = null, Action<MimoBerPoint>? onPoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxFrames < 1 || options.MinErrors < 0 || options.MaxBits < 1)
        {
            throw new ArgumentException("MaxFrames and MaxBits must be positive and MinErrors non-negative.", nameof(options));
        }

        var qam = new QamConstellation(options.Qam);
        counter ??= new AmcCostCounter();
        var points = new List<MimoBerPoint>();
        for (int p = 0; p < options.SnrDb.Count; p++)
        {
            points.Add(RunPoint(options, qam, p, counter));
            onPoint?.Invoke(points[^1]);
        }

        return points;
    }

    private static MimoBerPoint RunPoint(MimoOptions o, QamConstellation qam, int pointIndex, AmcCostCounter counter)
    {
        double snrDb = o.SnrDb[pointIndex];
        double sigma2 = o.Tx / Math.Pow(10.0, snrDb / 10.0);
        var rng = SeededRandom.Create(o.Seed, 1000 + pointIndex);
        int rx = o.Rx, tx = o.Tx;
        long bits = 0, eHp = 0, e64 = 0, e32 = 0, disagree = 0, iterations = 0;
        int frames = 0, divergent = 0;
        double rhoSum = 0.0;
        var sent = new int[tx];
        var s = new Complex[tx];
        while (frames < o.MaxFrames && bits < o.MaxBits && (frames == 0 || Math.Min(eHp, Math.Min(e64, e32)) < o.MinErrors))
        {
            var h = MimoChannel.Rayleigh(rx, tx, rng);
            for (int t = 0; t < tx; t++)
            {
                sent[t] = rng.Next(qam.Order);
                s[t] = qam.Map(sent[t]);
            }

            var y = new Complex[rx];
            double ns = Math.Sqrt(sigma2 / 2.0);
            for (int r = 0; r < rx; r++)
            {
                Complex sum = Complex.Zero;
                for (int t = 0; t < tx; t++)
                {
                    sum += h[r, t] * s[t];
                }

                y[r] = sum + new Complex(ns * SeededRandom.StandardNormal(rng), ns * SeededRandom.StandardNormal(rng));
            }

            var gram = MimoChannel.RealGram(h);
            var z = MatchedFilter(h, y);
            var x64 = HpInvSolver.Reference(gram, z);
            var x32 = SolveFloat32(h, y);
            var hp = HpInvSolver.Solve(gram, z, o.HpInv with { Seed = SeededRandom.DeriveSeed(o.Seed, (pointIndex * 1_000_003) + frames) }, counter);
            iterations += hp.Iterations.Count - 1;
            rhoSum += hp.SpectralRadius;
            if (!(hp.SpectralRadius < 1.0))
            {
                divergent++;
            }

            for (int t = 0; t < tx; t++)
            {
                int d64 = qam.Demap(x64[t], x64[t + tx]);
                int d32 = qam.Demap(x32[t], x32[t + tx]);
                int dHp = qam.Demap(hp.Solution[t], hp.Solution[t + tx]);
                e64 += int.PopCount(d64 ^ sent[t]);
                e32 += int.PopCount(d32 ^ sent[t]);
                eHp += int.PopCount(dHp ^ sent[t]);
                disagree += int.PopCount(dHp ^ d32);
            }

            bits += (long)tx * qam.BitsPerSymbol;
            frames++;
        }

        return new MimoBerPoint(snrDb, (double)eHp / bits, (double)e64 / bits, (double)e32 / bits, (double)iterations / frames,
            frames, bits, eHp, e64, e32, disagree, divergent, rhoSum / frames);
    }

    /// <summary>Hᴴy in real form [Re; Im], double precision.</summary>
    /// <param name="h">H.</param>
    /// <param name="y">y.</param>
    /// <returns>The 2N_t right-hand side.</returns>
    public static double[] MatchedFilter(Complex[,] h, Complex[] y)
    {
        int rx = h.GetLength(0), tx = h.GetLength(1);
        var z = new double[2 * tx];
        for (int t = 0; t < tx; t++)
        {
            Complex sum = Complex.Zero;
            for (int r = 0; r < rx; r++)
            {
                sum += Complex.Conjugate(h[r, t]) * y[r];
            }

            z[t] = sum.Real;
            z[t + tx] = sum.Imaginary;
        }

        return z;
    }

    /// <summary>Zero-forcing in float32 arithmetic throughout: Gram, matched filter and LU solve in single precision.</summary>
    /// <param name="h">H (rounded to float).</param>
    /// <param name="y">y (rounded to float).</param>
    /// <returns>x̂ in real form, widened to double.</returns>
    public static double[] SolveFloat32(Complex[,] h, Complex[] y)
    {
        int rx = h.GetLength(0), tx = h.GetLength(1);
        var hr = Matrix<float>.Build.Dense(2 * rx, 2 * tx);
        var yr = MathNet.Numerics.LinearAlgebra.Vector<float>.Build.Dense(2 * rx);
        for (int r = 0; r < rx; r++)
        {
            for (int t = 0; t < tx; t++)
            {
                float re = (float)h[r, t].Real, im = (float)h[r, t].Imaginary;
                hr[r, t] = re;
                hr[r, t + tx] = -im;
                hr[r + rx, t] = im;
                hr[r + rx, t + tx] = re;
            }

            yr[r] = (float)y[r].Real;
            yr[r + rx] = (float)y[r].Imaginary;
        }

        var g = hr.TransposeThisAndMultiply(hr);
        var z = hr.TransposeThisAndMultiply(yr);
        var x = g.LU().Solve(z);
        var result = new double[2 * tx];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = x[i];
        }

        return result;
    }
}
