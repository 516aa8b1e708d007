namespace Crossbar.Circuit.Amc;

/// <summary>One platform's cost of one N×N solve to the 2⁻²⁴ target (<see cref="CostModel"/>). Terms that do not apply
/// to the platform are null.</summary>
/// <param name="Size">N.</param>
/// <param name="Platform">analogue-blockamc, cpu-mathnet, gpu-roofline-batched or gpu-roofline-single.</param>
/// <param name="Time">Time per solve (s): the analogue side without programming (the matrix reused).</param>
/// <param name="Energy">Energy per solve (J), the analogue side without programming.</param>
/// <param name="Terms">Each time and energy term by name (s or J); see <see cref="CostModel.TermNames"/>.</param>
/// <param name="Iterations">HP-INV refinement iterations (analogue only).</param>
/// <param name="Source">What was measured and what was modelled or extrapolated.</param>
/// <param name="DominantTerm">The largest time term and the largest energy term.</param>
public sealed record CostRow(int Size, string Platform, double Time, double Energy, IReadOnlyDictionary<string, double> Terms, int? Iterations, string Source, string DominantTerm);

/// <summary>What was measured at one N: an HP-INV run (null above the simulated sizes) and the CPU LU median (null above
/// <see cref="CostAssumptions.CpuMeasuredMaxSize"/>).</summary>
/// <param name="Size">N.</param>
/// <param name="Run">The HP-INV run, or null.</param>
/// <param name="CpuSeconds">Median MathNet LU solve time on this machine, or null.</param>
public sealed record CostMeasurement(int Size, HpInvResult? Run, double? CpuSeconds);
