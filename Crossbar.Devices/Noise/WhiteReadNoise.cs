namespace Crossbar.Devices.Noise;

/// <summary>
/// White read noise: each read of a cell returns G·(1 + σ·n), n ~ N(0, 1) independent per read and per cell.
/// </summary>
/// <remarks>
/// The usual matrix-level description of RRAM read fluctuations (relative σ of order 1% at the read voltage),
/// independent of time and frequency. For noise with memory use <see cref="TransientNoiseSource"/>.
/// </remarks>
public sealed class WhiteReadNoise
{
    /// <summary>Creates the model.</summary>
    /// <param name="relativeSigma">σ, relative standard deviation per read; non-negative.</param>
    /// <exception cref="ArgumentException">σ is negative or not finite.</exception>
    public WhiteReadNoise(double relativeSigma) => RelativeSigma = Guard.NonNegative(relativeSigma);

    /// <summary>σ, relative standard deviation per read.</summary>
    /// <value>Dimensionless.</value>
    public double RelativeSigma { get; }

    /// <summary>One noisy read of a cell.</summary>
    /// <param name="conductance">Nominal conductance (S).</param>
    /// <param name="random">Generator (for example from <see cref="SeededRandom"/>).</param>
    /// <returns>G·(1 + σ·n) (S).</returns>
    public double Sample(double conductance, Random random) =>
        RelativeSigma == 0.0 ? conductance : conductance * (1.0 + (RelativeSigma * SeededRandom.StandardNormal(random)));

    /// <summary>One noisy read of every cell.</summary>
    /// <param name="conductances">Nominal conductances (S).</param>
    /// <param name="result">Destination, same length.</param>
    /// <param name="random">Generator.</param>
    public void Sample(ReadOnlySpan<double> conductances, Span<double> result, Random random)
    {
        if (result.Length != conductances.Length)
        {
            throw new ArgumentException($"result has {result.Length} elements, conductances {conductances.Length}.", nameof(result));
        }

        for (int i = 0; i < conductances.Length; i++)
        {
            result[i] = Sample(conductances[i], random);
        }
    }
}
