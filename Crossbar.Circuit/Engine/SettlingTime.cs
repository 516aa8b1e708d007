namespace Crossbar.Circuit.Engine;

/// <summary>
/// Settling time of a step response: the time after which a signal reaches and stays within a
/// relative error ε of its final value (the last sample), interpolated between samples.
/// </summary>
public static class SettlingTime
{
    /// <summary>Default ε = 2⁻⁸ (8-bit settling).</summary>
    public const double DefaultEpsilon = 1.0 / 256;

    /// <summary>Settling time of one column of a transient table, in s from t = 0 (NaN when never outside the band).</summary>
    public static double Of(ResultTable tran, string column, double epsilon = DefaultEpsilon)
    {
        double[] t = tran.Column("time");
        double[] v = tran.Column(column);
        double final = v[^1];
        double band = epsilon * Math.Abs(final);
        int last = -1;
        for (int k = v.Length - 1; k >= 0; k--)
        {
            if (Math.Abs(v[k] - final) > band)
            {
                last = k;
                break;
            }
        }

        if (last < 0)
        {
            return 0;
        }

        if (last == v.Length - 1)
        {
            return double.NaN;
        }

        // Linear interpolation of the band crossing between samples last and last+1.
        double e0 = Math.Abs(v[last] - final) - band;
        double e1 = Math.Abs(v[last + 1] - final) - band;
        double f = e0 / (e0 - e1);
        return t[last] + (f * (t[last + 1] - t[last]));
    }

    /// <summary>Settling time of several columns; the worst case is their maximum.</summary>
    public static double[] Of(ResultTable tran, IEnumerable<string> columns, double epsilon = DefaultEpsilon)
        => columns.Select(c => Of(tran, c, epsilon)).ToArray();
}
