using Crossbar.Circuit.Builders;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// Settling time of the LP-INV arrays from their own loop time constant, for ideal fidelity (where the backend reports
/// the nominal <see cref="AnalogBackendOptions.InvTime"/>): τ = 1/(2π·GBWP·(μ_min + 1/A0)), μ_min the eigenvalue of
/// D⁻¹G with the smallest real part (<see cref="InvStability"/>, Sun et al., IEEE TED 2020), and the settling time to
/// half an ADC step τ·ln(2^(ADC bits + 1)).
/// </summary>
/// <remarks>
/// The leaves are those of <see cref="BlockAmcSolver"/> on the top slice: the leading blocks and the Schur complements
/// (in double precision here; the solver quantises the Schur complements to the cell bits). Each leaf is mapped as the
/// INV builder maps it: G⁺ − G⁻ = c·a with c = (G_max − G_min)/max|a|, the inactive cell at G_min, row total D = input
/// conductance + Σ(G⁺ + G⁻).
/// </remarks>
public static class InvSettling
{
    /// <summary>The longest leaf settling time of the LP-INV of <paramref name="topSlice"/>.</summary>
    /// <param name="topSlice">The matrix the LP-INV programs (HP-INV's most significant slice).</param>
    /// <param name="arraySize">Largest array dimension.</param>
    /// <param name="circuit">Levels, op-amp (GBWP, A0) and input conductance of the INV circuit.</param>
    /// <param name="adcBits">ADC bits (the settling target is half a step; 0 is taken as 8).</param>
    /// <returns>Seconds; NaN when a leaf is not stable (μ_min ≤ −1/A0).</returns>
    public static double Longest(double[,] topSlice, int arraySize, CrossbarBuildOptions circuit, int adcBits)
    {
        ArgumentNullException.ThrowIfNull(topSlice);
        ArgumentNullException.ThrowIfNull(circuit);
        double longest = 0.0;
        foreach (var leaf in Leaves(topSlice, arraySize))
        {
            longest = Math.Max(longest, Leaf(leaf, circuit, adcBits));
        }

        return longest;
    }

    /// <summary>Settling time of one INV array holding <paramref name="a"/>.</summary>
    /// <param name="a">The leaf matrix.</param>
    /// <param name="circuit">Levels, op-amp and input conductance.</param>
    /// <param name="adcBits">ADC bits (0 is taken as 8).</param>
    /// <returns>Seconds; NaN when not stable.</returns>
    public static double Leaf(double[,] a, CrossbarBuildOptions circuit, int adcBits)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(circuit);
        int n = a.GetLength(0);
        double max = MatrixOps.MaxAbs(a);
        double gMin = circuit.Levels.MinConductance, gMax = circuit.Levels.MaxConductance;
        double c = max > 0 ? (gMax - gMin) / max : 0.0;
        double gin = circuit.VoltageInputs ? circuit.InputConductance ?? gMax : 0.0;
        var signed = new double[n, n];
        var rowTotal = new double[n];
        for (int i = 0; i < n; i++)
        {
            rowTotal[i] = gin;
            for (int j = 0; j < n; j++)
            {
                double gp = gMin + (c * Math.Max(a[i, j], 0.0)), gm = gMin + (c * Math.Max(-a[i, j], 0.0));
                signed[i, j] = gp - gm;
                rowTotal[i] += gp + gm;
            }
        }

        var stability = InvStability.Analyze(signed, rowTotal, circuit.OpAmp);
        double mu = stability.MinimumEigenvalue.Real + (1.0 / circuit.OpAmp.DcGain);
        if (!(mu > 0))
        {
            return double.NaN;
        }

        double tau = 1.0 / (2.0 * Math.PI * circuit.OpAmp.GainBandwidth * mu);
        return tau * Math.Log(Math.Pow(2.0, (adcBits > 0 ? adcBits : 8) + 1));
    }

    /// <summary>The INV leaves of BlockAMC on <paramref name="a"/>: leading blocks and Schur complements, recursively.</summary>
    /// <param name="a">Matrix.</param>
    /// <param name="arraySize">Largest array dimension.</param>
    /// <returns>The leaves.</returns>
    public static IEnumerable<double[,]> Leaves(double[,] a, int arraySize)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (n <= arraySize)
        {
            yield return a;
            yield break;
        }

        int h = (n + 1) / 2, m = n - h;
        var a1 = Matrix<double>.Build.DenseOfArray(MatrixOps.Block(a, 0, 0, h, h));
        var s = Matrix<double>.Build.DenseOfArray(MatrixOps.Block(a, h, h, m, m))
            - (Matrix<double>.Build.DenseOfArray(MatrixOps.Block(a, h, 0, m, h)) * a1.LU().Solve(Matrix<double>.Build.DenseOfArray(MatrixOps.Block(a, 0, h, h, m))));
        foreach (var leaf in Leaves(a1.ToArray(), arraySize).Concat(Leaves(s.ToArray(), arraySize)))
        {
            yield return leaf;
        }
    }
}
