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
                double at = Interpolation.Crossing(previousScale, previousDifference, s, difference);
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
}
