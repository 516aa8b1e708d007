using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// The POLY(n) and TABLE forms of E, G, F and H as behavioural-expression trees, compiled by
/// <see cref="BehavioralFunction"/> (which gives the exact Jacobian) and loaded as a <see cref="BehavioralSource"/>.
/// </summary>
internal static class ControlledSourceFunctions
{
    /// <summary>
    /// Σ_k p_k·m_k(x) over the monomials m_k in SPICE2 order: degree by degree, within a degree the non-decreasing
    /// index tuples (i1 ≤ i2 ≤ … ≤ id) in lexicographic order (n = 2: 1, x1, x2, x1², x1·x2, x2², x1³, x1²·x2, …).
    /// </summary>
    /// <param name="controls">x1 … xn.</param>
    /// <param name="coefficients">p0, p1, … (zeros are left out of the tree).</param>
    public static BehavioralNode Polynomial(IReadOnlyList<BehavioralNode> controls, IReadOnlyList<double> coefficients)
    {
        var terms = new List<BehavioralNode>();
        int k = 0;
        foreach (int[] monomial in Monomials(controls.Count))
        {
            if (k == coefficients.Count)
            {
                break;
            }

            double p = coefficients[k++];
            if (p != 0)
            {
                terms.Add(Balanced([new BehavioralNumber(p), .. monomial.Select(i => controls[i])], '*'));
            }
        }

        return terms.Count == 0 ? new BehavioralNumber(0) : Balanced(terms, '+');
    }

    /// <summary>Half-width of the rounded corner at a TABLE point, as a fraction of the shorter segment beside it.</summary>
    public const double CornerFraction = 0.1;

    /// <summary>
    /// The TABLE function of u as ngspice 39 evaluates it: linear between the points, flat beyond the end points, and
    /// every corner (the end points included) rounded by a parabola over ±d, d = 0.1 × the shorter segment beside it
    /// (measured against ngspice: the output is C¹, so Newton sees no kink):
    /// f(u) = y₁ + Σ_k Δs_k·R(u − x_k), Δs_k the slope change at x_k (slope 0 outside the table), and the rounded ramp
    /// R(t) = 0 for t &lt; −d, (t + d)²/(4d) for |t| ≤ d, t for t &gt; d.
    /// </summary>
    /// <param name="input">u.</param>
    /// <param name="points">The points, x strictly increasing.</param>
    public static BehavioralNode Table(BehavioralNode input, IReadOnlyList<(double X, double Y)> points)
    {
        var terms = new List<BehavioralNode> { new BehavioralNumber(points[0].Y) };
        int m = points.Count;
        for (int k = 0; k < m; k++)
        {
            double left = k > 0 ? (points[k].Y - points[k - 1].Y) / (points[k].X - points[k - 1].X) : 0;
            double right = k + 1 < m ? (points[k + 1].Y - points[k].Y) / (points[k + 1].X - points[k].X) : 0;
            double change = right - left;
            if (change == 0)
            {
                continue;
            }

            double shorter = Math.Min(k > 0 ? points[k].X - points[k - 1].X : double.PositiveInfinity, k + 1 < m ? points[k + 1].X - points[k].X : double.PositiveInfinity);
            double d = CornerFraction * shorter;
            terms.Add(new BehavioralBinary('*', new BehavioralNumber(change), RoundedRamp(input, points[k].X, d)));
        }

        return Balanced(terms, '+');
    }

    /// <summary>R(u − c) with w = min(max(u − c + d, 0), 2d): w²/(4d) + max(u − c − d, 0).</summary>
    private static BehavioralNode RoundedRamp(BehavioralNode input, double corner, double d)
    {
        BehavioralNode Shifted(double offset) => new BehavioralBinary('-', input, new BehavioralNumber(corner + offset));
        BehavioralNode zero = new BehavioralNumber(0);
        BehavioralNode w = new BehavioralCall("min", [new BehavioralCall("max", [Shifted(-d), zero]), new BehavioralNumber(2 * d)]);
        BehavioralNode parabola = new BehavioralBinary('/', new BehavioralBinary('*', w, w), new BehavioralNumber(4 * d));
        return new BehavioralBinary('+', parabola, new BehavioralCall("max", [Shifted(d), zero]));
    }

    /// <summary>Index tuples of every degree 0, 1, 2, … in SPICE2 order (endless).</summary>
    private static IEnumerable<int[]> Monomials(int n)
    {
        for (int degree = 0; ; degree++)
        {
            var tuple = new int[degree];
            while (true)
            {
                yield return (int[])tuple.Clone();

                // Next non-decreasing tuple: bump the last index that can grow, reset the ones after it to it.
                int j = degree - 1;
                while (j >= 0 && tuple[j] == n - 1)
                {
                    j--;
                }

                if (j < 0)
                {
                    break;
                }

                tuple[j]++;
                for (int m = j + 1; m < degree; m++)
                {
                    tuple[m] = tuple[j];
                }
            }
        }
    }

    /// <summary>A balanced tree of one operator over the operands (depth log₂ of their count, not their count).</summary>
    private static BehavioralNode Balanced(IReadOnlyList<BehavioralNode> operands, char op)
    {
        if (operands.Count == 1)
        {
            return operands[0];
        }

        int half = operands.Count / 2;
        return new BehavioralBinary(op, Balanced(operands.Take(half).ToList(), op), Balanced(operands.Skip(half).ToList(), op));
    }
}
