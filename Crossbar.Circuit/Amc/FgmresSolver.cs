using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// HP-INV with flexible GMRES as the outer iteration: A·x = b right-preconditioned by the analogue LP-INV, the
/// Krylov vectors multiplied by the bit-sliced HP-MVM.
/// </summary>
/// <remarks>
/// <para>Flexible GMRES(m) (Saad, "A flexible inner-outer preconditioned GMRES algorithm", SIAM J. Sci. Comput. 14(2),
/// 461–469, 1993), as GMRES-based iterative refinement uses it (Carson &amp; Higham, SIAM J. Sci. Comput. 39(6),
/// A2834–A2856, 2017; 40(2), A817–A847, 2018): from x0, r0 = b − A·x0 (HP-MVM), β = ‖r0‖, v1 = r0/β; for
/// j = 1…m: z_j = LPINV(v_j)/c ≈ Ã0⁻¹v_j (one LP-INV through <see cref="BlockAmcSolver"/>), w = A·z_j (one HP-MVM),
/// modified Gram–Schmidt h_ij = ⟨w, v_i⟩, w ← w − h_ij·v_i (i ≤ j), h_(j+1)j = ‖w‖, v_(j+1) = w/h_(j+1)j; Givens rotations
/// reduce the (j+1)×j Hessenberg H̄_j to triangular form so that |g_(j+1)| = min_y ‖β·e1 − H̄_j·y‖ is the residual
/// estimate; at the end of a cycle x = x0 + Z_m·y_m (Z the preconditioned vectors, kept because the preconditioner is
/// not a fixed matrix: the LP-INV has read noise and converter quantisation).</para>
/// <para>Unlike refinement, which needs ρ(I − Ã0⁻¹A) &lt; 1, GMRES only needs the preconditioned operator A·Ã0⁻¹ to
/// have its spectrum clustered away from 0, so it converges where refinement diverges (e.g. SPD κ = 10 on 3-bit cells).
/// The stopping test: the residual ‖b − A·x‖/‖b‖ (of the equilibrated system when equilibrated) from the HP-MVM at the end of each cycle (and when the estimate
/// meets the target) against the target; the limit on LP-INV calls is <see cref="HpInvOptions.MaxIterations"/>;
/// <see cref="HpInvOptions.StallLimit"/> cycles without a tenth's improvement of the measured residual stop it as
/// stagnated. Every digital operation (Gram–Schmidt, norms, rotations, the triangular solve, the update of x) is
/// counted in <see cref="AmcCostCounter.DigitalFlops"/>. Runs on the equilibrated system as <see cref="HpInvSolver"/> does.</para>
/// <para>One row of <see cref="HpInvResult.Iterations"/> per LP-INV call: the true error of the current iterate x_j
/// (a diagnostic), and as residual the Arnoldi estimate |g_(j+1)| scaled to the original ‖b‖, replaced by the
/// HP-MVM measurement on the last row of a cycle. <see cref="HpInvIteration.Correction"/> is ‖x_j − x0‖/‖x_j‖.</para>
/// </remarks>
public static class FgmresSolver
{
    /// <summary>Solves A·x = b by FGMRES preconditioned with the LP-INV (whatever <see cref="HpInvOptions.Outer"/> says).</summary>
    /// <param name="a">A, N×N.</param>
    /// <param name="b">b, length N.</param>
    /// <param name="options">Parameters (<see cref="HpInvOptions.Restart"/> is m).</param>
    /// <param name="counter">Cost counter (a new one when null).</param>
    /// <returns>The result, one iteration row per LP-INV call.</returns>
    public static HpInvResult Solve(double[,] a, double[] b, HpInvOptions options, AmcCostCounter? counter = null)
    {
        int n = HpInvHardware.CheckInputs(a, b, options, "FGMRES");

        counter ??= new AmcCostCounter();
        var hw = HpInvHardware.Program(a, b, options, counter);
        var bs = hw.ScaledRhs;
        double bNorm = hw.BNorm;
        double target = options.TargetRelativeError;
        int m = options.Restart;

        var y = new double[n];
        var r = (double[])bs.Clone();
        double relResidual = 1.0;
        var rows = new List<HpInvIteration> { new(0, hw.RelativeError(y), bNorm, 0.0, 0, 0, double.NaN, 1.0) };
        HpInvStop stop = HpInvStop.IterationLimit;
        string? message = null;
        bool diverged = false;
        double bestResidual = double.PositiveInfinity;
        // The iterate with the smallest measured residual (x = 0, relative residual 1, to start): what a run that does
        // not converge returns, so a diverged cycle's update (which can be far worse) is never the answer.
        double[] bestY = (double[])y.Clone();
        double bestMeasured = 1.0, lastMeasured = 1.0;
        int stalled = 0, calls = 0;
        if (bNorm == 0.0 || relResidual <= target)
        {
            return hw.Result(y, rows, false, HpInvStop.Converged, null, counter, target);
        }

        var v = new double[m + 1][];
        var z = new double[m][];
        var h = new double[m + 1, m];
        var cs = new double[m];
        var sn = new double[m];
        var g = new double[m + 1];
        while (calls < options.MaxIterations)
        {
            double beta = MatrixOps.Norm2(r);
            counter.AddDigitalFlops(3L * n);
            v[0] = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[0][i] = r[i] / beta;
            }

            Array.Clear(g);
            g[0] = beta;
            var y0 = (double[])y.Clone();
            int k = 0;
            for (int j = 0; j < m && calls < options.MaxIterations; j++)
            {
                var before = counter.Snapshot();
                z[j] = hw.Precondition(v[j], out double invSettle);
                calls++;
                var w = hw.Hpmvm.Multiply(z[j], out double mvmSettle);
                for (int i = 0; i <= j; i++)
                {
                    double hij = VectorKernels.Dot(w, v[i]);
                    h[i, j] = hij;
                    VectorKernels.Axpy(-hij, v[i], w);
                }

                double hNext = MatrixOps.Norm2(w);
                h[j + 1, j] = hNext;
                v[j + 1] = new double[n];
                if (hNext > 0.0)
                {
                    for (int l = 0; l < n; l++)
                    {
                        v[j + 1][l] = w[l] / hNext;
                    }
                }

                counter.AddDigitalFlops(((j + 1) * 4L * n) + (3L * n));

                // Apply the earlier rotations to column j, then the new one that zeroes h_(j+1)j.
                for (int i = 0; i < j; i++)
                {
                    double t = (cs[i] * h[i, j]) + (sn[i] * h[i + 1, j]);
                    h[i + 1, j] = (-sn[i] * h[i, j]) + (cs[i] * h[i + 1, j]);
                    h[i, j] = t;
                }

                double rho = Math.Sqrt((h[j, j] * h[j, j]) + (h[j + 1, j] * h[j + 1, j]));
                cs[j] = rho > 0.0 ? h[j, j] / rho : 1.0;
                sn[j] = rho > 0.0 ? h[j + 1, j] / rho : 0.0;
                h[j, j] = rho;
                h[j + 1, j] = 0.0;
                g[j + 1] = -sn[j] * g[j];
                g[j] = cs[j] * g[j];
                counter.AddDigitalFlops((6L * j) + 10);
                k = j + 1;

                double estimate = Math.Abs(g[j + 1]) / hw.ScaledBNorm;
                var yj = Update(y0, z, h, g, k, null);
                double xNorm = MatrixOps.Norm2(hw.Equilibration.Unscale(yj));
                var dx = new double[n];
                for (int i = 0; i < n; i++)
                {
                    dx[i] = yj[i] - y0[i];
                }

                double correction = xNorm > 0 ? MatrixOps.Norm2(hw.Equilibration.Unscale(dx)) / xNorm : double.PositiveInfinity;
                rows.Add(new HpInvIteration(calls, hw.RelativeError(yj), estimate * bNorm, invSettle + mvmSettle,
                    counter.MvmOperations - before.MvmOperations, counter.AdcConversions - before.AdcConversions, correction, estimate));
                if (estimate <= target || hNext == 0.0 || !double.IsFinite(estimate))
                {
                    break;
                }

                if (j < m - 1 && calls < options.MaxIterations)
                {
                    options.OnIteration?.Invoke(rows[^1]);
                }
            }

            // End of the cycle: x = x0 + Z·y, and the residual measured by the HP-MVM.
            y = Update(y0, z, h, g, k, counter);
            var before2 = counter.Snapshot();
            var ay = hw.Hpmvm.Multiply(y, out double settle);
            for (int i = 0; i < n; i++)
            {
                r[i] = bs[i] - ay[i];
            }

            counter.AddDigitalFlops(n);
            double rNorm = hw.ResidualNorm(r);
            relResidual = rNorm / bNorm;

            // Tested on the equilibrated system, as HpInvSolver does (the HP-MVM's floor is relative to Â).
            double testResidual = hw.Equilibrated ? MatrixOps.Norm2(r) / hw.ScaledBNorm : relResidual;
            var last = rows[^1];
            rows[^1] = last with
            {
                ResidualNorm = rNorm,
                RelativeResidual = relResidual,
                SettleTime = last.SettleTime + settle,
                MvmOperations = last.MvmOperations + (counter.MvmOperations - before2.MvmOperations),
                AdcConversions = last.AdcConversions + (counter.AdcConversions - before2.AdcConversions),
            };
            options.OnIteration?.Invoke(rows[^1]);
            lastMeasured = testResidual;
            if (testResidual < bestMeasured)
            {
                bestMeasured = testResidual;
                bestY = (double[])y.Clone();
            }

            if (testResidual <= target)
            {
                stop = HpInvStop.Converged;
                break;
            }

            if (!double.IsFinite(rNorm) || MatrixOps.Norm2(r) > options.ResidualGrowthLimit * hw.ScaledBNorm)
            {
                diverged = true;
                stop = HpInvStop.Diverged;
                message = $"FGMRES diverged after {calls} LP-INV calls: residual norm {rNorm:G4} exceeds {options.ResidualGrowthLimit:G3}·‖b‖ (ρ = {hw.SpectralRadius:G4}): the LP-INV preconditioner is so far from A⁻¹ that the update x0 + Z·t cancels beyond what the HP-MVM resolves; try --equilibrate rowcol or more --bits";
                break;
            }

            stalled = testResidual < 0.9 * bestResidual ? 0 : stalled + 1;
            bestResidual = Math.Min(bestResidual, testResidual);
            if (stalled >= options.StallLimit)
            {
                stop = HpInvStop.Stagnated;
                message = $"FGMRES stagnated after {calls} LP-INV calls: residual ‖r‖/‖b‖ = {relResidual:G3} stopped improving above the target {target:G3} (the floor of this hardware: more slices, input bits or ADC bits)";
                break;
            }
        }

        if (stop == HpInvStop.IterationLimit)
        {
            message = $"FGMRES reached the limit of {options.MaxIterations} LP-INV calls at ‖r‖/‖b‖ = {relResidual:G3}";
        }

        if (stop != HpInvStop.Converged && !(lastMeasured <= bestMeasured))
        {
            // Not converged: hand back the best iterate seen, not the last (a diverged cycle's update can be far worse).
            y = bestY;
            message += string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; returned the iterate with the smallest measured residual ({bestMeasured:G3})");
        }

        return hw.Result(y, rows, diverged, stop, message, counter, target);
    }

    /// <summary>x0 + Z_k·t with t the solution of the k×k upper-triangular system R·t = g (back substitution).</summary>
    private static double[] Update(double[] y0, double[][] z, double[,] h, double[] g, int k, AmcCostCounter? counter)
    {
        var t = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            double s = g[i];
            for (int l = i + 1; l < k; l++)
            {
                s -= h[i, l] * t[l];
            }

            t[i] = h[i, i] != 0.0 ? s / h[i, i] : 0.0;
        }

        var y = (double[])y0.Clone();
        for (int l = 0; l < k; l++)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] += t[l] * z[l][i];
            }
        }

        counter?.AddDigitalFlops(((long)k * k) + (2L * k * y.Length));
        return y;
    }
}
