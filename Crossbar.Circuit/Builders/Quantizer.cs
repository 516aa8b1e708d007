namespace Crossbar.Circuit.Builders;

/// <summary>Uniform mid-tread quantiser of a DAC or ADC over ±full scale.</summary>
public static class Quantizer
{
    /// <summary>Clips to ±fullScale and rounds to 2^bits levels spanning it; bits 0 returns the value unchanged.</summary>
    public static double Apply(double value, double fullScale, int bits)
    {
        if (bits <= 0)
        {
            return value;
        }

        double step = 2 * fullScale / ((1L << bits) - 1);
        double clipped = Math.Clamp(value, -fullScale, fullScale);
        return Math.Round(clipped / step) * step;
    }
}
