using MathNet.Numerics.Distributions;

namespace Crossbar.Devices.Programming;

/// <summary>Multiplicative device-to-device variation with mean 1 and relative standard deviation σ.</summary>
public static class DeviceVariation
{
    /// <summary>Draws one multiplicative factor.</summary>
    /// <param name="random">Generator.</param>
    /// <param name="relativeSigma">σ; non-negative.</param>
    /// <param name="distribution">Normal (1 + σ·n, floored at 0) or lognormal (mean 1, relative deviation σ).</param>
    /// <returns>The factor (≥ 0).</returns>
    public static double SampleFactor(Random random, double relativeSigma, VariationDistribution distribution)
    {
        if (relativeSigma == 0.0)
        {
            return 1.0;
        }

        if (distribution == VariationDistribution.Normal)
        {
            return Math.Max(0.0, 1.0 + (relativeSigma * SeededRandom.StandardNormal(random)));
        }

        double s2 = Math.Log(1.0 + (relativeSigma * relativeSigma));
        return LogNormal.Sample(random, -0.5 * s2, Math.Sqrt(s2));
    }

    /// <summary>Applies independent multiplicative variation to each conductance.</summary>
    /// <param name="conductances">Nominal conductances (S).</param>
    /// <param name="relativeSigma">σ; non-negative.</param>
    /// <param name="distribution">Distribution of the factor.</param>
    /// <param name="seed">Seed; the same seed gives bit-identical results.</param>
    /// <returns>A new array G_i·factor_i (S).</returns>
    public static double[] Apply(ReadOnlySpan<double> conductances, double relativeSigma, VariationDistribution distribution, int seed)
    {
        Guard.NonNegative(relativeSigma);
        var random = SeededRandom.Create(seed);
        var result = new double[conductances.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = conductances[i] * SampleFactor(random, relativeSigma, distribution);
        }

        return result;
    }
}
