using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Measurements;

/// <summary>
/// Where a vector crosses a level (or another vector), counted as ngspice 39 counts them: points before TD= (tran) and
/// outside FROM=..TO= are skipped; the first two points kept set which side the signal starts on (a crossing between
/// them already counts); from then on a point at or above the level after one below is a rise, a point at or below
/// after one above a fall, and either is a cross. The crossing is placed by linear interpolation between the two points.
/// </summary>
internal static class Crossing
{
    /// <summary>The scale value of the crossing a condition asks for, or NaN when there is none.</summary>
    /// <param name="data">The analysis's vectors.</param>
    /// <param name="condition">Vector, level, edge, count and TD.</param>
    /// <param name="from">FROM= (null: no lower bound).</param>
    /// <param name="to">TO= (null: no upper bound).</param>
    /// <param name="values">Values of the condition's vector.</param>
    /// <param name="levels">Values of the level vector, or null for a constant level.</param>
    public static double Find(MeasureData data, MeasureCondition condition, double? from, double? to, double[] values, double[]? levels)
    {
        double[] scale = data.Scale;
        bool dc = data.Analysis == "dc";
        bool tran = data.Analysis == "tran";
        (double low, double high) = Window.Bounds(dc, from, to);
        bool last = condition.Count == MeasureCondition.Last;
        bool exact = condition.Edge != CrossingEdge.First && !last;

        int kept = 0;
        bool above = false;
        int rises = 0, falls = 0, crosses = 0;
        double previousScale = 0, previousDifference = 0;
        double firstScale = scale.Length > 0 ? scale[0] : 0;
        double result = double.NaN;
        for (int k = 0; k < scale.Length; k++)
        {
            double s = scale[k];
            double difference = values[k] - (levels?[k] ?? condition.Level);
            if ((tran && s < condition.Delay) || (data.Analysis == "ac" && s < 0) || s < low)
            {
                continue;
            }

            if (s > high)
            {
                if (dc)
                {
                    continue;
                }

                break;
            }

            if (dc && kept > 1 && s == firstScale)
            {
                // An outer .dc sweep has restarted the inner one: the side is set afresh.
                kept = 1;
            }

            bool risen = false, fallen = false;
            if (kept == 1)
            {
                crosses = 0;
                above = difference >= 0;
                if (above && previousDifference < 0)
                {
                    rises = 1;
                    crosses = 1;
                    risen = true;
                }
                else if (!above && previousDifference >= 0)
                {
                    falls = 1;
                    crosses = 1;
                    fallen = true;
                }
            }
            else if (kept > 1)
            {
                if (!above && difference >= 0)
                {
                    above = true;
                    rises++;
                    crosses++;
                    risen = true;
                }
                else if (above && difference <= 0)
                {
                    above = false;
                    falls++;
                    crosses++;
                    fallen = true;
                }
            }

            if (risen || fallen)
            {
                double at = previousScale + ((0 - previousDifference) * (s - previousScale) / (difference - previousDifference));
                bool counted = condition.Edge switch
                {
                    CrossingEdge.Rise => risen,
                    CrossingEdge.Fall => fallen,
                    _ => true,
                };
                int count = condition.Edge switch { CrossingEdge.Rise => rises, CrossingEdge.Fall => falls, _ => crosses };
                if (counted && exact && count == condition.Count)
                {
                    return at;
                }

                if (counted && kept > 1 && condition.Edge == CrossingEdge.First)
                {
                    return at;
                }

                if (counted && last && kept > 1)
                {
                    result = at;
                }
            }

            kept++;
            previousScale = s;
            previousDifference = difference;
        }

        return result;
    }

    /// <summary>Linear interpolation of <paramref name="values"/> at scale value <paramref name="at"/> in the first interval holding it (either direction for dc), or NaN.</summary>
    public static double ValueAt(MeasureData data, double[] values, double at)
    {
        double[] scale = data.Scale;
        if (data.Analysis == "op")
        {
            return values.Length > 0 ? values[0] : double.NaN;
        }

        for (int k = 1; k < scale.Length; k++)
        {
            double s0 = scale[k - 1], s1 = scale[k];
            if ((s0 <= at && s1 >= at) || (data.Analysis == "dc" && s0 >= at && s1 <= at))
            {
                return s1 == s0 ? values[k] : values[k - 1] + ((at - s0) * (values[k] - values[k - 1]) / (s1 - s0));
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// The slope of <paramref name="values"/> at <paramref name="at"/>: the derivative of the parabola through the three
    /// points nearest to it (second-order accurate on a smooth signal), or the chord when there are only two points.
    /// </summary>
    public static double SlopeAt(MeasureData data, double[] values, double at)
    {
        double[] x = data.Scale;
        if (x.Length < 2 || at < Math.Min(x[0], x[^1]) || at > Math.Max(x[0], x[^1]))
        {
            return double.NaN;
        }

        int nearest = 0;
        for (int k = 1; k < x.Length; k++)
        {
            if (Math.Abs(x[k] - at) < Math.Abs(x[nearest] - at))
            {
                nearest = k;
            }
        }

        if (x.Length == 2)
        {
            return (values[1] - values[0]) / (x[1] - x[0]);
        }

        int i = Math.Clamp(nearest - 1, 0, x.Length - 3);
        double x0 = x[i], x1 = x[i + 1], x2 = x[i + 2];
        double y0 = values[i], y1 = values[i + 1], y2 = values[i + 2];
        // d/dx of the Lagrange parabola through (x0,y0), (x1,y1), (x2,y2).
        return (y0 * ((2 * at) - x1 - x2) / ((x0 - x1) * (x0 - x2)))
            + (y1 * ((2 * at) - x0 - x2) / ((x1 - x0) * (x1 - x2)))
            + (y2 * ((2 * at) - x0 - x1) / ((x2 - x0) * (x2 - x1)));
    }
}
