using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// HP-INV: iterative refinement of a low-precision analogue INV by a high-precision bit-sliced analogue MVM.
/// </summary>
/// <remarks>
/// <para>docs/design.md §3 (paper): x0 = 0; repeat r = b − A·x (HP-MVM, <see cref="HighPrecisionMvm"/>);
/// Δ = LPINV(r) ≈ Ã0⁻¹·r; x ← x + Δ. LP-INV is the closed-loop INV of the most significant slice A ≈ c·A_0,
/// c = u·2^(m(K−1)), run through <see cref="BlockAmcSolver"/> (blocks programmed with their digits, Schur complements
/// quantised to m bits); r is rescaled by max|r| into the DAC range and the answer scaled back by max|r|/c.</para>
/// <para>The error contracts by ρ(I − E·A) per iteration, E the realised LP-INV operator; ρ is computed up front from
/// the arrays as their circuits realise them (<see cref="IProgrammedArray.EffectiveInverse"/>; at ideal fidelity the
/// programmed conductances) with MathNet eigenvalues. ρ ≥ 1 is reported as divergence and, by default, not iterated on;
/// a residual that grows beyond <see cref="HpInvOptions.ResidualGrowthLimit"/>·‖b‖ stops the run with the same flag.
/// The floor is set by the HP-MVM (slices, input bits, ADC), not by the LP-INV.</para>
/// <para>The stopping test uses only what the hardware knows: the correction ‖Δx‖/‖x‖ (the LP-INV output, an estimate
/// of the previous iterate's error) and the residual ‖b − A·x‖/‖b‖ from the HP-MVM, both against the target, and
/// stagnation of both. The error against the exact answer is recorded as a diagnostic only.</para>
/// <para>With <see cref="HpInvOptions.Equilibrate"/> the iteration runs on Â·y = R·b (<see cref="Equilibration"/>: slicing,
/// LP-INV and HP-MVM all on Â) and reports x = C·y and the original system's error and residual; with
/// <see cref="HpInvOptions.Outer"/> = <see cref="HpInvOuter.Fgmres"/> it hands over to <see cref="FgmresSolver"/>.</para>
/// </remarks>
public static class HpInvSolver
{
    /// <summary>Solves A·x = b.</summary>
    /// <param name="a">A, N×N.</param>
    /// <param name="b">b, length N.</param>
    /// <param name="options">Parameters.</param>
    /// <param name="counter">Cost counter (a new one when null).</param>
    /// <returns>The result with its per-iteration record.</returns>
    public static HpInvResult Solve(double[,] a, double[] b, HpInvOptions options, AmcCostCounter? counter = null)
    {
        int n = HpInvHardware.CheckInputs(a, b, options, "HP-INV");

        counter ??= new AmcCostCounter();
        if (options.Outer == HpInvOuter.Fgmres)
        {
            return FgmresSolver.Solve(a, b, options, counter);
        }

        var hw = HpInvHardware.Program(a, b, options, counter);
        double rho = hw.SpectralRadius;
        var bs = hw.ScaledRhs;

        // y solves Â·y = R·b; x = C·y. Errors, corrections and residuals are those of the original system.
        var y = new double[n];
        var r = (double[])bs.Clone();
        double bNorm = hw.BNorm;
        var rows = new List<HpInvIteration> { new(0, hw.RelativeError(y), bNorm, 0.0, 0, 0, double.NaN, 1.0) };
        bool diverged = false;
        string? message = null;
        HpInvStop stop = HpInvStop.IterationLimit;
        if (!(rho < 1.0))
        {
            diverged = true;
            stop = HpInvStop.Diverged;
            message = $"HP-INV diverges: ρ(I − Ã0⁻¹A) = {rho:G4} ≥ 1 for the top slice as realised (error grows by ρ per iteration); {Advice}";
            if (options.StopOnPredictedDivergence)
            {
                return hw.Result(y, rows, diverged, stop, message + "; not iterated", counter, options.TargetRelativeError);
            }
        }

        double target = options.TargetRelativeError;
        double bestCorrection = double.PositiveInfinity, bestResidual = double.PositiveInfinity;
        int stalled = 0;
        for (int it = 1; it <= options.MaxIterations; it++)
        {
            var before = counter.Snapshot();
            var delta = hw.Precondition(r, out double invSettle);
            for (int i = 0; i < n; i++)
            {
                y[i] += delta[i];
            }

            double xNorm = hw.Equilibrated ? MatrixOps.Norm2(hw.Unscale(y)) : MatrixOps.Norm2(y);
            double deltaNorm = hw.Equilibrated ? MatrixOps.Norm2(hw.Unscale(delta)) : MatrixOps.Norm2(delta);
            double correction = xNorm > 0 ? deltaNorm / xNorm : double.PositiveInfinity;
            var ay = hw.Hpmvm.Multiply(y, out double mvmSettle);
            for (int i = 0; i < n; i++)
            {
                r[i] = bs[i] - ay[i];
            }

            double rNorm = hw.ResidualNorm(r);
            double relResidual = bNorm > 0 ? rNorm / bNorm : rNorm;
            double rel = hw.RelativeError(y);
            rows.Add(new HpInvIteration(it, rel, rNorm, invSettle + mvmSettle, counter.MvmOperations - before.MvmOperations, counter.AdcConversions - before.AdcConversions, correction, relResidual));
            options.OnIteration?.Invoke(rows[^1]);
            // The stopping test reads the residual of the system the hardware solves (‖R·b − Â·y‖/‖R·b‖; the HP-MVM's floor is
            // relative to Â): a badly scaled A magnifies it in the original norm without x = C·y being any less accurate.
            double testResidual = hw.Equilibrated ? MatrixOps.Norm2(r) / hw.ScaledBNorm : relResidual;
            if (correction <= target && testResidual <= target)
            {
                stop = HpInvStop.Converged;
                break;
            }

            // Growth is judged on the system the hardware iterates on (Â·y = R·b): R⁻¹ can magnify a transient residual.
            double scaledNorm = hw.Equilibrated ? MatrixOps.Norm2(r) : rNorm;
            if (!double.IsFinite(rNorm) || scaledNorm > options.ResidualGrowthLimit * hw.ScaledBNorm)
            {
                diverged = true;
                stop = HpInvStop.Diverged;
                message = $"HP-INV diverged at iteration {it}: residual norm {scaledNorm:G4} exceeds {options.ResidualGrowthLimit:G3}·‖b‖ = {options.ResidualGrowthLimit * hw.ScaledBNorm:G4}{(hw.Equilibrated ? " (equilibrated system)" : string.Empty)} (ρ = {rho:G4}); {Advice}";
                break;
            }

            // Stagnation: neither the correction nor the residual improves by a tenth on its best for StallLimit iterations.
            bool improved = correction < 0.9 * bestCorrection || testResidual < 0.9 * bestResidual;
            bestCorrection = Math.Min(bestCorrection, correction);
            bestResidual = Math.Min(bestResidual, testResidual);
            stalled = improved ? 0 : stalled + 1;
            if (stalled >= options.StallLimit)
            {
                stop = HpInvStop.Stagnated;
                message = $"HP-INV stagnated at iteration {it}: correction ‖Δx‖/‖x‖ = {correction:G3} and residual ‖r‖/‖b‖ = {relResidual:G3} stopped improving above the target {target:G3} (the floor of this hardware: more slices, input bits or ADC bits)";
                break;
            }
        }

        return hw.Result(y, rows, diverged, stop, message, counter, options.TargetRelativeError);
    }

    /// <summary>What a diverging refinement should try instead (part of its message).</summary>
    public const string Advice = "try --equilibrate rowcol, more --bits, or --outer fgmres";

    /// <summary>x* = A⁻¹b by MathNet's dense LU in double precision.</summary>
    /// <param name="a">A.</param>
    /// <param name="b">b.</param>
    /// <returns>x*.</returns>
    public static double[] Reference(double[,] a, double[] b) => MatrixOps.Solve(a, b);

    /// <summary>ρ(I − E·A/c) for an LP-INV solver E of the top slice A ≈ c·A_0.</summary>
    /// <param name="lpinv">LP-INV solver.</param>
    /// <param name="a">A.</param>
    /// <param name="c">Scale of the top slice.</param>
    /// <returns>The spectral radius.</returns>
    /// <param name="fromCircuit">True: the arrays as their circuits realise them; false: as programmed (conductances only).</param>
    public static double SpectralRadius(BlockAmcSolver lpinv, double[,] a, double c, bool fromCircuit = true)
    {
        var e = lpinv.EffectiveInverse(fromCircuit);
        int n = a.GetLength(0);
        var m = Matrix<double>.Build.DenseIdentity(n) - (e * Matrix<double>.Build.DenseOfArray(a) / c);
        if (!m.ForAll(double.IsFinite))
        {
            return double.PositiveInfinity;
        }

        double rho = 0.0;
        foreach (var ev in m.Evd().EigenValues)
        {
            rho = Math.Max(rho, ev.Magnitude);
        }

        return rho;
    }
}
