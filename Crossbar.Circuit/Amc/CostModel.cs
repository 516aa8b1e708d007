namespace Crossbar.Circuit.Amc;

/// <summary>
/// Time and energy of one N×N solve to the 2⁻²⁴ target on four platforms: the analogue HP-INV with BlockAMC (critical
/// path, converters, op-amps, cells, digital work, programming once per matrix), MathNet LU on this machine's CPU, and
/// a GPU roofline, batched and single. Every number assumed is in <see cref="CostAssumptions"/>.
/// </summary>
/// <remarks>
/// <para>Analogue, per solve: iterations × (critical-path time of one iteration + its digital flops / CPU core rate);
/// energy: the converters, op-amps and cells (<see cref="EnergyModel"/>) plus digital flops × core power / core rate.
/// Operation counts come from the HP-INV run where one was made (iterations and the counter's totals) and from
/// <see cref="AmcOperationModel"/> otherwise; iterations above the simulated sizes are the largest simulated count.
/// Programming (once per matrix, not in the per-solve time): the Schur complements' flops on one core, then every array
/// written at once, cell-serially within an array, at the write-verify model's mean pulses per cell. Where the matrix
/// changes with every solve (MIMO detection: a new channel matrix every frame) the per-solve figure is
/// time_with_programming_s, which adds it. digital_s includes the solver's own flops (solver_digital_s: equilibration,
/// FGMRES's orthogonalisation and Hessenberg solves; <see cref="SolverFlops"/>).</para>
/// <para>CPU: the measured median where measured, otherwise the largest measured time × (N/N_max)³; energy = core
/// power × time. GPU: max(flops/peak FP32, bytes/bandwidth) + launch latency, flops = ⅔N³ + 2N², bytes = 4(N² + 2N);
/// batched: one launch per <see cref="CostAssumptions.GpuBatch"/> systems; energy = TDP × time.</para>
/// </remarks>
public sealed class CostModel
{
    /// <summary>The term columns of <see cref="CostRow.Terms"/>, in order.</summary>
    public static readonly IReadOnlyList<string> TermNames =
    [
        "analog_critical_s", "analog_serial_s", "digital_s", "solver_digital_s", "programming_s", "time_with_programming_s",
        "conversion_J", "opamp_J", "cell_J", "digital_J", "programming_J",
        "cpu_measured_s", "cpu_flops_model_s", "gpu_compute_s", "gpu_memory_s", "gpu_launch_s",
    ];

    /// <summary>Creates the model.</summary>
    /// <param name="assumptions">Numbers assumed.</param>
    /// <param name="operations">Operation model (array size and per-operation times of the backend).</param>
    /// <param name="slices">HP-MVM matrix slices K.</param>
    /// <param name="planes">HP-MVM input planes.</param>
    /// <param name="lpInvPulses">Mean write-verify pulses per LP-INV cell.</param>
    /// <param name="mvmPulses">Mean write-verify pulses per HP-MVM cell.</param>
    public CostModel(CostAssumptions assumptions, AmcOperationModel operations, int slices, int planes, double lpInvPulses, double mvmPulses)
    {
        Assumptions = assumptions;
        Operations = operations;
        Slices = slices;
        Planes = planes;
        LpInvPulses = lpInvPulses;
        MvmPulses = mvmPulses;
    }

    /// <summary>Numbers assumed.</summary>
    public CostAssumptions Assumptions { get; }

    /// <summary>Operation model.</summary>
    public AmcOperationModel Operations { get; }

    /// <summary>HP-MVM slices.</summary>
    public int Slices { get; }

    /// <summary>HP-MVM input planes.</summary>
    public int Planes { get; }

    /// <summary>Mean pulses per LP-INV cell.</summary>
    public double LpInvPulses { get; }

    /// <summary>Mean pulses per HP-MVM cell.</summary>
    public double MvmPulses { get; }

    /// <summary>Outer iteration, its restart length and the equilibration of the solves modelled; they set the solver-side
    /// digital flops of sizes without a run (<see cref="SolverFlops"/>). Default: the paper's refinement, no scaling.</summary>
    public (HpInvOuter Outer, int Restart, EquilibrationKind Equilibrate) Solver { get; init; } = (HpInvOuter.Refine, 20, EquilibrationKind.None);

    /// <summary>
    /// Digital flops of the solver around the analogue operations, as <see cref="FgmresSolver"/> and
    /// <see cref="Equilibration"/> count them into <see cref="AmcCostCounter.DigitalFlops"/>: the equilibration passes
    /// over A (2N² each: a max-scan and a scaling; two for rowcol) and the diagonal scalings of vectors (N each), and for
    /// FGMRES per cycle of k LP-INV calls the
    /// residual norm (3N), the modified Gram–Schmidt of call j (4N(j + 1) + 3N), the Givens rotations of the Hessenberg
    /// column (6j + 10), the small triangular solve and the update (k² + 2kN) and the residual subtraction (N).
    /// Refinement's own vector updates are in the per-iteration model (<see cref="AmcOperationModel"/>).
    /// </summary>
    /// <param name="n">N.</param>
    /// <param name="calls">LP-INV calls (iterations).</param>
    /// <returns>Flops.</returns>
    public double SolverFlops(int n, int calls)
    {
        bool scaled = Solver.Equilibrate != EquilibrationKind.None;
        double flops = Solver.Equilibrate switch
        {
            EquilibrationKind.Rows => 2.0 * n * n,
            EquilibrationKind.RowColumn => 4.0 * n * n,
            _ => 0.0,
        };
        if (Solver.Outer != HpInvOuter.Fgmres)
        {
            // R·b and the answer's C·y once; per iteration C·y and C·Δx (for the correction test) and R⁻¹·r (the residual).
            return scaled ? flops + (n * (2.0 + (3.0 * Math.Max(0, calls)))) : flops;
        }

        int restart = Math.Max(1, Solver.Restart);
        int cycles = 0;
        for (int left = calls; left > 0; left -= restart)
        {
            int k = Math.Min(restart, left);
            cycles++;
            flops += 3.0 * n;
            for (int j = 0; j < k; j++)
            {
                flops += (4.0 * n * (j + 1)) + (3.0 * n) + (6.0 * j) + 10;
            }

            flops += ((double)k * k) + (2.0 * k * n) + n;
        }

        // R·b and the answer's C·y once, R⁻¹·r at the end of every cycle.
        return scaled ? flops + (n * (2.0 + cycles)) : flops;
    }

    /// <summary>Flops of one dense LU factorisation and solve, ⅔N³ + 2N².</summary>
    /// <param name="n">N.</param>
    /// <returns>Flops.</returns>
    public static double LuFlops(int n) => (2.0 / 3.0 * n * (double)n * n) + (2.0 * n * (double)n);

    /// <summary>The four rows of every size; sizes without a run take the most iterations of the runs (those of
    /// <paramref name="measurements"/> and <paramref name="extraRuns"/>, runs made only for this).</summary>
    /// <param name="measurements">One per size, in any order.</param>
    /// <param name="extraRuns">Runs at sizes not reported, for the iteration count.</param>
    /// <returns>Rows by size, then platform.</returns>
    /// <exception cref="ArgumentException">A size needs extrapolation but there is no run at all.</exception>
    public IReadOnlyList<CostRow> Rows(IReadOnlyList<CostMeasurement> measurements, IReadOnlyList<HpInvResult>? extraRuns = null)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var sorted = measurements.OrderBy(m => m.Size).ToList();
        var runs = sorted.Where(m => m.Run is not null).Select(m => m.Run!).Concat(extraRuns ?? []).ToList();
        if (runs.Count == 0 && sorted.Any(m => m.Run is null))
        {
            throw new ArgumentException("extrapolated sizes need at least one HP-INV run for the iteration count", nameof(measurements));
        }

        int fallbackIterations = runs.Select(Iterations).DefaultIfEmpty(0).Max();
        var cpuMeasured = sorted.LastOrDefault(m => m.CpuSeconds is not null);
        var rows = new List<CostRow>();
        foreach (var m in sorted)
        {
            rows.Add(Analog(m.Size, m.Run, fallbackIterations));
            rows.Add(Cpu(m.Size, m.CpuSeconds, cpuMeasured is null ? null : (cpuMeasured.Size, cpuMeasured.CpuSeconds!.Value)));
            rows.Add(Gpu(m.Size, batched: true));
            rows.Add(Gpu(m.Size, batched: false));
        }

        return rows;
    }

    /// <summary>Refinement iterations of a run (to its stop).</summary>
    /// <param name="run">The run.</param>
    /// <returns>Iterations.</returns>
    public static int Iterations(HpInvResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Iterations.Count - 1;
    }

    /// <summary>The analogue row.</summary>
    /// <param name="n">N.</param>
    /// <param name="run">The HP-INV run at this N, or null to extrapolate.</param>
    /// <param name="fallbackIterations">Iterations when there is no run.</param>
    /// <returns>The row.</returns>
    public CostRow Analog(int n, HpInvResult? run, int fallbackIterations)
    {
        var a = Assumptions;
        var energy = a.Energy();
        var iteration = Operations.Iteration(n, Slices, Planes);
        int iterations = run is null ? fallbackIterations : Iterations(run);
        var total = iteration.Repeat(iterations);
        double dac = total.DacConversions, adc = total.AdcConversions, opAmpSeconds = total.OpAmpSeconds, cellSeconds = total.CellSeconds;
        double serialSettle = total.SerialSettle;
        if (run is not null)
        {
            // Conversions as the run counted them; the time-weighted sums from the model, which equals the run's counter
            // at the backend's own operation times (tested) and also holds when the settling times are replaced.
            (dac, adc) = (run.Cost.DacConversions, run.Cost.AdcConversions);
        }

        double conversionSerial = (total.MvmOperations + total.InvOperations) * (a.DacTime + a.AdcTime);
        double critical = total.CriticalTime;
        // Solver-side flops (equilibration, FGMRES's Gram–Schmidt and Hessenberg): as the run counted them, else modelled.
        double solverFlops = run is null ? SolverFlops(n, iterations) : run.Cost.DigitalFlops;
        double digitalFlops = total.DigitalFlops + solverFlops;
        double digitalTime = digitalFlops / a.CpuCoreFlopRate;
        double jPerFlop = a.CpuCorePower / a.CpuCoreFlopRate;
        var (programmingTime, programmingEnergy) = Programming(n);
        var terms = new Dictionary<string, double>
        {
            ["analog_critical_s"] = critical,
            ["analog_serial_s"] = serialSettle + conversionSerial,
            ["digital_s"] = digitalTime,
            ["solver_digital_s"] = solverFlops / a.CpuCoreFlopRate,
            ["programming_s"] = programmingTime,
            ["time_with_programming_s"] = critical + digitalTime + programmingTime,
            ["conversion_J"] = energy.Estimate(dac, adc, 0, 0),
            ["opamp_J"] = energy.Estimate(0, 0, opAmpSeconds, 0),
            ["cell_J"] = energy.Estimate(0, 0, 0, cellSeconds),
            ["digital_J"] = digitalFlops * jPerFlop,
            ["programming_J"] = programmingEnergy,
        };
        double time = critical + digitalTime;
        double joules = terms["conversion_J"] + terms["opamp_J"] + terms["cell_J"] + terms["digital_J"];
        string source = run is null
            ? "extrapolated: iterations (most of the simulated sizes) and operation counts (structural model)"
            : "measured: iterations and operation counts (ideal-fidelity HP-INV run); modelled: critical path and flops";
        string dominant = Dominant(terms, ["analog_critical_s", "digital_s"]) + "; " + Dominant(terms, ["conversion_J", "opamp_J", "cell_J", "digital_J"]);
        return new CostRow(n, "analogue-blockamc", time, joules, terms, iterations, source, dominant);
    }

    /// <summary>Programming once per matrix: time (Schur flops on one core, then all arrays at once, cell-serial within
    /// one) and energy (every cell × mean pulses × pulse energy).</summary>
    /// <param name="n">N.</param>
    /// <returns>Seconds and joules.</returns>
    public (double Time, double Energy) Programming(int n)
    {
        var a = Assumptions;
        var lp = Operations.LpInvArrays(n).ToList();
        var mvm = Operations.Tiles(n, n).ToList();
        double lpCells = lp.Sum(t => 2.0 * t.Rows * t.Columns);
        double mvmCells = Slices * mvm.Sum(t => 2.0 * t.Rows * t.Columns);
        double largestLp = lp.Max(t => 2.0 * t.Rows * t.Columns), largestMvm = mvm.Max(t => 2.0 * t.Rows * t.Columns);
        double write = Math.Max(largestLp * LpInvPulses, largestMvm * MvmPulses) / a.CellsProgrammedInParallelPerArray * a.PulseTime;
        double time = (Operations.SchurFlops(n) / a.CpuCoreFlopRate) + write;
        double energy = (((lpCells * LpInvPulses) + (mvmCells * MvmPulses)) * a.PulseEnergy)
            + (Operations.SchurFlops(n) * a.CpuCorePower / a.CpuCoreFlopRate);
        return (time, energy);
    }

    /// <summary>The CPU row: measured median, or the largest measurement scaled by (N/N_max)³.</summary>
    /// <param name="n">N.</param>
    /// <param name="measured">Median at this N, or null.</param>
    /// <param name="largest">Largest measured (N, seconds), or null.</param>
    /// <returns>The row.</returns>
    public CostRow Cpu(int n, double? measured, (int Size, double Seconds)? largest)
    {
        var a = Assumptions;
        double model = LuFlops(n) / a.CpuCoreFlopRate;
        double time = measured ?? (largest is { } l ? l.Seconds * Math.Pow((double)n / l.Size, 3) : model);
        string source = measured is not null ? $"measured: MathNet LU median of {a.CpuRepeats} on this machine"
            : largest is { } m ? $"extrapolated: measured N={m.Size} × (N/{m.Size})^3" : "modelled: flops / core rate";
        var terms = new Dictionary<string, double> { ["cpu_measured_s"] = time, ["cpu_flops_model_s"] = model };
        return new CostRow(n, "cpu-mathnet", time, time * a.CpuCorePower, terms, null, source, measured is not null ? "lu-measured" : "lu-n3-extrapolated");
    }

    /// <summary>The GPU roofline row.</summary>
    /// <param name="n">N.</param>
    /// <param name="batched">True: one launch per batch of systems; false: one system per launch.</param>
    /// <returns>The row.</returns>
    public CostRow Gpu(int n, bool batched)
    {
        var a = Assumptions;
        double compute = LuFlops(n) / a.GpuPeakFp32;
        double memory = a.GpuBytesPerNumber * ((n * (double)n) + (2.0 * n)) / a.GpuBandwidth;
        double launch = batched ? a.GpuLaunchLatency / a.GpuBatch : a.GpuLaunchLatency;
        double time = Math.Max(compute, memory) + launch;
        var terms = new Dictionary<string, double> { ["gpu_compute_s"] = compute, ["gpu_memory_s"] = memory, ["gpu_launch_s"] = launch };
        string source = $"modelled: {a.GpuName} roofline" + (batched ? $", batch of {a.GpuBatch}" : ", one launch per solve");
        return new CostRow(n, batched ? "gpu-roofline-batched" : "gpu-roofline-single", time, time * a.GpuPower, terms, null, source,
            Dominant(terms, ["gpu_compute_s", "gpu_memory_s", "gpu_launch_s"]));
    }

    private static string Dominant(Dictionary<string, double> terms, string[] names) =>
        names.OrderByDescending(k => terms[k]).First();
}
