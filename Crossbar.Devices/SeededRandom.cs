using MathNet.Numerics.Random;

namespace Crossbar.Devices;

/// <summary>
/// Creates the seeded pseudo-random generators used by every stochastic model in this library.
/// </summary>
/// <remarks>
/// Generators are MathNet's xoshiro256** (Blackman and Vigna, 2018), created without locking.
/// A model that draws several independent quantities (for example stuck-at faults, device-to-device
/// variation and cycle-to-cycle noise) takes one user seed and derives a separate stream for each
/// quantity with <see cref="Create(int, int)"/>, so that changing one option (say the maximum number of
/// write pulses) does not reshuffle the others. Stream seeds are derived with the SplitMix64 finaliser
/// (Steele, Lea and Flood, OOPSLA 2014). The same seed always gives bit-identical sequences.
/// </remarks>
public static class SeededRandom
{
    /// <summary>Creates a generator for <paramref name="seed"/> (stream 0).</summary>
    /// <param name="seed">User seed.</param>
    /// <returns>A new, non-thread-safe generator.</returns>
    public static Random Create(int seed) => Create(seed, 0);

    /// <summary>Creates the generator for sub-stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    /// <param name="seed">User seed.</param>
    /// <param name="stream">Index of the independent sub-stream (for example one per random quantity).</param>
    /// <returns>A new, non-thread-safe generator.</returns>
    public static Random Create(int seed, int stream) => new Xoshiro256StarStar(DeriveSeed(seed, stream), threadSafe: false);

    /// <summary>Derives the 32-bit seed of a sub-stream by SplitMix64 mixing of the user seed and the stream index.</summary>
    /// <param name="seed">User seed.</param>
    /// <param name="stream">Sub-stream index.</param>
    /// <returns>The derived seed.</returns>
    public static int DeriveSeed(int seed, int stream)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }

    /// <summary>Draws a standard normal deviate N(0, 1).</summary>
    /// <param name="random">Generator.</param>
    /// <returns>The deviate.</returns>
    public static double StandardNormal(Random random) => MathNet.Numerics.Distributions.Normal.Sample(random, 0.0, 1.0);

    /// <summary>Draws an exponential dwell time with the given mean (zero mean gives zero).</summary>
    /// <param name="random">Generator.</param>
    /// <param name="mean">Mean of the distribution, in the caller's unit.</param>
    /// <returns>−mean·ln(U), U uniform on (0, 1].</returns>
    public static double Exponential(Random random, double mean)
    {
        if (mean <= 0.0)
        {
            return 0.0;
        }

        double u = 1.0 - random.NextDouble();
        return -mean * Math.Log(u);
    }
}
