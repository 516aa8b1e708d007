namespace Crossbar.Circuit.Amc;

/// <summary>Input DAC and output ADC quantisers (values in matrix units).</summary>
/// <remarks>
/// DAC: sign-magnitude over ±1, q = sign(x)·round(|x|·L)/L with L = 2^(b−1) − 1, inputs clipped to ±1.
/// ADC: symmetric mid-tread, LSB = FS/(2^(b−1) − 1), q = clamp(round(y/LSB), ±(2^(b−1) − 1))·LSB, so ±FS are codes.
/// b = 0 is an ideal converter (no quantisation, DAC still clips to ±1 and reports it).
/// </remarks>
public static class Converters
{
    /// <summary>Quantises an input vector with the DAC.</summary>
    /// <param name="x">Input, expected within ±1.</param>
    /// <param name="bits">DAC bits (0 = ideal).</param>
    /// <param name="clipped">Set when an input exceeded ±1 (by more than 1e-12).</param>
    /// <returns>The converted values.</returns>
    public static double[] Dac(ReadOnlySpan<double> x, int bits, out bool clipped)
    {
        clipped = false;
        var q = new double[x.Length];
        double levels = bits == 0 ? 0.0 : (1L << (bits - 1)) - 1;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"DAC input {i} is {v}.", nameof(x));
            }

            if (Math.Abs(v) > 1.0 + 1e-12)
            {
                clipped = true;
            }

            v = Math.Clamp(v, -1.0, 1.0);
            q[i] = bits == 0 ? v : Math.Round(v * levels, MidpointRounding.AwayFromZero) / levels;
        }

        return q;
    }

    /// <summary>Quantises output values with the ADC, in place.</summary>
    /// <param name="y">Values; replaced by their conversions.</param>
    /// <param name="bits">ADC bits (0 = ideal).</param>
    /// <param name="fullScale">FS, the largest magnitude represented; positive.</param>
    /// <returns>True when a value clipped at the full scale.</returns>
    public static bool Adc(Span<double> y, int bits, double fullScale)
    {
        if (bits == 0)
        {
            return false;
        }

        bool clipped = false;
        double top = Math.Pow(2.0, bits - 1) - 1.0, bottom = -top;
        double lsb = fullScale / top;
        if (!(lsb > 0.0))
        {
            // A full scale whose LSB underflows (an array programmed to all zeros, e.g. an off-diagonal block that
            // quantises to nothing at 2 bits): every output is below one LSB and reads zero, not 0/0.
            y.Clear();
            return false;
        }

        for (int i = 0; i < y.Length; i++)
        {
            double code = Math.Round(y[i] / lsb, MidpointRounding.AwayFromZero);
            if (code > top || code < bottom)
            {
                clipped = true;
                code = Math.Clamp(code, bottom, top);
            }

            y[i] = code * lsb;
        }

        return clipped;
    }
}
