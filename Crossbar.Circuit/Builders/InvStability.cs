using System.Globalization;
using System.Numerics;
using Crossbar.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;
using Crossbar.Devices.OpAmps;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Stability and speed of a closed-loop INV or GINV circuit before simulating it: eigenvalues μ
/// of M = D⁻¹G (D = total conductance on each row, G = G⁺ − G⁻) and, for op-amps with a pole,
/// the poles of the whole loop, inverter op-amps included (<see cref="OpAmpLoopModel"/>).
/// </summary>
/// <remarks>
/// <para><b>D⁻¹G test.</b> With ideal inverters and single-pole op-amps A(s) = A0/(1 + s/ωp)
/// (GBWP = A0·ωp/2π) the row KCL D·r = G·v + I and the op-amp law v = −A(s)·r give the poles
/// s_k = −2π·GBWP·(μ_k + 1/A0) (Sun et al., IEEE TED 2020): stable iff Re μ_k &gt; −1/A0. The
/// same bound holds for a finite-gain op-amp (its DC gain must overcome any negative μ) and
/// Re μ_k &gt; 0 for an ideal one. <see cref="MinimumEigenvalue"/> is the μ with the smallest
/// real part, on the programmed conductances.</para>
/// <para><b>Whole loop.</b> For single-pole op-amps the loop is the linear system ẋ = A·x of
/// <see cref="OpAmpLoopModel"/> (states: every op-amp's pole voltage, main and inverter; row and
/// inverter-input nodes eliminated by KCL; cells as realised, e.g. 1/(1/G + R_on) for 1T1R).
/// Stable iff every eigenvalue s of A has Re s &lt; 0 (and the D⁻¹G test passes); the dominant
/// pole is the one with the largest real part and τ = 1/|Re s_dominant|. A complex dominant pair
/// decays with the envelope e^(−t/τ), so τ is the envelope's time constant. Without a pole
/// (ideal, finite gain) τ is NaN.</para>
/// <para><b>Large arrays.</b> Both tests need only the extreme eigenvalues (smallest Re μ,
/// largest Re s). Up to <see cref="RightmostEigenvalues.DenseLimit"/> unknowns the full
/// spectrum is computed; above, restarted Arnoldi finds the extreme ones in O(n²) per step
/// instead of O(n³) (<see cref="RightmostEigenvalues"/>), which keeps a 1024×1024 INV's check
/// to seconds instead of minutes.</para>
/// </remarks>
public sealed class InvStability
{
    private InvStability(Complex[] eigenvalues, OpAmpModel opAmp, Complex[] loopPoles)
    {
        Eigenvalues = eigenvalues;
        LoopPoles = loopPoles;
        double a0 = opAmp.Kind == OpAmpKind.Ideal ? double.PositiveInfinity : opAmp.DcGain;
        double bound = double.IsPositiveInfinity(a0) ? 0 : -1 / a0;
        Complex worst = eigenvalues.MinBy(e => e.Real);
        MinimumEigenvalue = worst;
        IsEigenvalueStable = worst.Real > bound;
        DominantPole = loopPoles.Length > 0 ? loopPoles.MaxBy(p => p.Real) : new Complex(double.NaN, double.NaN);
        bool loopStable = loopPoles.Length == 0 || DominantPole.Real < 0;
        IsStable = IsEigenvalueStable && loopStable;
        TimeConstant = IsStable && loopPoles.Length > 0 ? 1 / Math.Abs(DominantPole.Real) : double.NaN;
    }

    /// <summary>Eigenvalues of D⁻¹G: all of them up to N = <see cref="RightmostEigenvalues.DenseLimit"/>, else the <see cref="EstimatedCount"/> with the smallest real parts (Arnoldi).</summary>
    public Complex[] Eigenvalues { get; }

    /// <summary>The eigenvalue with the smallest real part (μ_min).</summary>
    public Complex MinimumEigenvalue { get; }

    /// <summary>Poles of the whole loop in rad/s (eigenvalues of the state matrix, all of them up to <see cref="RightmostEigenvalues.DenseLimit"/> states, else the <see cref="EstimatedCount"/> rightmost; empty without op-amp dynamics).</summary>
    public Complex[] LoopPoles { get; }

    /// <summary>The loop pole with the largest real part, in rad/s (NaN without op-amp dynamics).</summary>
    public Complex DominantPole { get; }

    /// <summary>True when every eigenvalue of D⁻¹G passes the op-amp's bound (Re μ &gt; −1/A0, or &gt; 0 for ideal op-amps).</summary>
    public bool IsEigenvalueStable { get; }

    /// <summary>True when the D⁻¹G test passes and every loop pole is in the left half plane.</summary>
    public bool IsStable { get; }

    /// <summary>Dominant time constant 1/|Re s_dominant| of the whole loop in s (stable single-pole loops; NaN otherwise).</summary>
    public double TimeConstant { get; }

    /// <summary>Settling time to relative error ε: τ·ln(1/ε), in s.</summary>
    public double SettlingTime(double epsilon) => TimeConstant * Math.Log(1 / epsilon);

    /// <summary>The refusal message for an unstable circuit: the offending eigenvalue of D⁻¹G, or else the offending loop pole.</summary>
    public string Message => IsEigenvalueStable && !IsStable
        ? string.Create(CultureInfo.InvariantCulture,
            $"INV circuit unstable: loop pole {Text(DominantPole)} rad/s has positive real part although every eigenvalue of D⁻¹G has positive real part (the op-amp poles, inverters included, make the loop oscillate; use --force to simulate anyway)")
        : string.Create(CultureInfo.InvariantCulture,
            $"INV circuit unstable: eigenvalue {Text(MinimumEigenvalue)} of D⁻¹G has negative real part (the loop would latch; use --force to simulate anyway)");

    /// <summary>Eigenvalues of D⁻¹G (the smallest real parts) and loop poles (the largest) kept when the matrix is too large for its full spectrum.</summary>
    public const int EstimatedCount = 4;

    /// <summary>Analyses conductances G (signed, S) with row totals D (S), without a loop model (no τ).</summary>
    public static InvStability Analyze(double[,] signedConductance, double[] rowTotal, OpAmpModel opAmp)
        => Analyze(signedConductance, rowTotal, opAmp, null);

    /// <summary>
    /// Analyses conductances G (signed, S) with row totals D (S) and, for single-pole op-amps,
    /// the whole loop <paramref name="loop"/>.
    /// </summary>
    public static InvStability Analyze(double[,] signedConductance, double[] rowTotal, OpAmpModel opAmp, OpAmpLoopModel? loop)
    {
        ArgumentNullException.ThrowIfNull(opAmp);
        int n = rowTotal.Length;
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => -signedConductance[i, j] / rowTotal[i]);
        Complex[] eigen = [.. RightmostEigenvalues.Of(m, n <= RightmostEigenvalues.DenseLimit ? n : EstimatedCount).Select(z => -z)];
        Complex[] poles = loop is not null && opAmp.Kind == OpAmpKind.SinglePole ? loop.RightmostPoles(opAmp, EstimatedCount) : [];
        return new InvStability(eigen, opAmp, poles);
    }

    private static string Text(Complex z) => string.Create(CultureInfo.InvariantCulture,
        $"{z.Real:G4}{(z.Imaginary >= 0 ? "+" : "−")}{Math.Abs(z.Imaginary):G4}i");
}
