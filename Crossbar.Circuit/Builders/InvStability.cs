using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Crossbar.Devices.OpAmps;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Stability of a closed-loop INV circuit before simulating it: eigenvalues μ of M = D⁻¹G
/// (D = total conductance on each row, G = G⁺ − G⁻) and the loop poles with the op-amp model.
/// </summary>
/// <remarks>
/// DESIGN.md §2 (after Sun et al., IEEE TED 2020): with single-pole op-amps the poles are
/// s_k = −2π·GBWP·(μ_k + 1/A0); stable iff Re μ_k &gt; −1/A0; τ = 1/(2π·GBWP·Re μ_min).
/// </remarks>
public sealed class InvStability
{
    private InvStability(Complex[] eigenvalues, OpAmpModel opAmp)
    {
        Eigenvalues = eigenvalues;
        double a0 = opAmp.Kind == OpAmpKind.Ideal ? double.PositiveInfinity : opAmp.DcGain;
        double bound = double.IsPositiveInfinity(a0) ? 0 : -1 / a0;
        Complex worst = eigenvalues.MinBy(e => e.Real);
        MinimumEigenvalue = worst;
        IsStable = worst.Real > bound;
        TimeConstant = opAmp.Kind == OpAmpKind.SinglePole && worst.Real > 0
            ? 1 / (2 * Math.PI * opAmp.GainBandwidth * worst.Real)
            : double.NaN;
    }

    /// <summary>Eigenvalues of D⁻¹G.</summary>
    public Complex[] Eigenvalues { get; }

    /// <summary>The eigenvalue with the smallest real part (μ_min).</summary>
    public Complex MinimumEigenvalue { get; }

    /// <summary>True when every loop pole is in the left half plane.</summary>
    public bool IsStable { get; }

    /// <summary>Dominant time constant 1/(2π·GBWP·Re μ_min) in s (single-pole op-amps; NaN otherwise).</summary>
    public double TimeConstant { get; }

    /// <summary>Settling time to relative error ε: τ·ln(1/ε).</summary>
    public double SettlingTime(double epsilon) => TimeConstant * Math.Log(1 / epsilon);

    /// <summary>The refusal message for an unstable circuit.</summary>
    public string Message => string.Create(CultureInfo.InvariantCulture,
        $"INV circuit unstable: eigenvalue {MinimumEigenvalue.Real:G4}{(MinimumEigenvalue.Imaginary >= 0 ? "+" : "−")}{Math.Abs(MinimumEigenvalue.Imaginary):G4}i of D⁻¹G has negative real part (the loop would latch; use --force to simulate anyway)");

    /// <summary>Analyses conductances G (signed, S) with row totals D (S).</summary>
    public static InvStability Analyze(double[,] signedConductance, double[] rowTotal, OpAmpModel opAmp)
    {
        int n = rowTotal.Length;
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => signedConductance[i, j] / rowTotal[i]);
        Complex[] eigen = m.Evd().EigenValues.ToArray();
        return new InvStability(eigen, opAmp);
    }
}
