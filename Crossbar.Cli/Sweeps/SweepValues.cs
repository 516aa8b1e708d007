using System.Globalization;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// Expands a swept option's value: a list <c>a,b,c</c>, a range <c>start:step:stop</c> (stop included when a step
/// lands on it within 10⁻⁹ of a step), or a mix of both (<c>2,4:4:16</c>). A plain value is a list of one.
/// </summary>
public static class SweepValues
{
    /// <summary>Most values one option may expand to.</summary>
    public const int MaximumValues = 100_000;

    /// <summary>The values of <paramref name="text"/> for option <paramref name="option"/>, in the order given.</summary>
    /// <exception cref="UsageException">Empty items, malformed or endless ranges, duplicates; the message names the option.</exception>
    public static IReadOnlyList<string> Expand(string option, string text)
    {
        var values = new List<string>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.Length == 0)
            {
                throw new UsageException($"{option} {text}: an empty item in the list.");
            }

            string[] parts = item.Split(':');
            if (parts.Length == 1)
            {
                values.Add(item);
            }
            else if (parts.Length == 3)
            {
                values.AddRange(Range(option, item, parts));
            }
            else
            {
                throw new UsageException($"{option} {item}: a range is start:step:stop (three numbers), e.g. 0:0.01:0.04.");
            }

            if (values.Count > MaximumValues)
            {
                throw new UsageException($"{option} {text}: more than {MaximumValues} values.");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            if (!seen.Add(v))
            {
                throw new UsageException($"{option} {text}: the value {v} is listed twice.");
            }
        }

        return values;
    }

    private static IEnumerable<string> Range(string option, string item, string[] parts)
    {
        bool integers = parts.All(p => long.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        double[] n = new double[3];
        for (int i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out n[i]) || !double.IsFinite(n[i]))
            {
                throw new UsageException($"{option} {item}: '{parts[i]}' is not a number (a range is start:step:stop).");
            }
        }

        (double start, double step, double stop) = (n[0], n[1], n[2]);
        if (step == 0 || (stop - start) / step < 0)
        {
            throw new UsageException($"{option} {item}: the step {parts[1]} does not lead from {parts[0]} to {parts[2]}.");
        }

        double count = Math.Floor(((stop - start) / step) + 1e-9) + 1;
        if (count > MaximumValues)
        {
            throw new UsageException($"{option} {item}: {count:G4} values, more than {MaximumValues}.");
        }

        for (int k = 0; k < (int)count; k++)
        {
            double v = start + (k * step);
            yield return integers
                ? ((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture)
                // 12 significant digits: 0 + 3·0.01 is 0.03, not 0.030000000000000002.
                : (double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + 0.0).ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
