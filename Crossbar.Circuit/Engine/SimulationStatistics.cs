using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>Counters and stopwatches of one simulation (cheap, and what performance work needs).</summary>
public sealed class SimulationStatistics
{
    /// <summary>Number of unknowns.</summary>
    public int Unknowns { get; set; }

    /// <summary>Structural nonzeros of the MNA matrix.</summary>
    public int MatrixNonzeros { get; set; }

    /// <summary>Newton iterations (all analyses).</summary>
    public int NewtonIterations { get; set; }

    /// <summary>Chord steps of operating points and DC points: Newton updates solved with the last factorisation (no refactorisation), counted within <see cref="NewtonIterations"/> too.</summary>
    public int PolishIterations { get; set; }

    /// <summary>Newton steps solved by GMRES on the last factorisation instead of a new one, counted within <see cref="NewtonIterations"/> too.</summary>
    public int KrylovSteps { get; set; }

    /// <summary>Accepted transient time points.</summary>
    public int AcceptedSteps { get; set; }

    /// <summary>Rejected transient time points (truncation error or no convergence).</summary>
    public int RejectedSteps { get; set; }

    /// <summary>Matrix loads skipped refactorisation because the values were unchanged.</summary>
    public int ReusedFactorizations { get; set; }

    /// <summary>Linear solver counters (factorisations, refactorisations, solves, fill, times).</summary>
    public SolverStatistics? Solver { get; set; }

    /// <summary>
    /// The operating-point matrix requested of <c>CircuitSimulator.Run</c> (null when none was): set before the
    /// analysis whose operating point is wanted, filled and completed by that operating point's solve.
    /// </summary>
    internal MatrixSnapshot? MatrixCapture { get; set; }

    /// <summary>Netlist compilation and matrix setup.</summary>
    public Stopwatch SetupTime { get; } = new();

    /// <summary>Element loads.</summary>
    public Stopwatch LoadTime { get; } = new();

    /// <summary>Operating-point analysis (including its loads and solves).</summary>
    public Stopwatch OperatingPointTime { get; } = new();

    /// <summary>DC sweep analysis.</summary>
    public Stopwatch DcSweepTime { get; } = new();

    /// <summary>Transient analysis.</summary>
    public Stopwatch TransientTime { get; } = new();

    /// <summary>AC analysis.</summary>
    public Stopwatch AcTime { get; } = new();

    /// <summary>A readable multi-line summary.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"unknowns                {Unknowns}");
        sb.AppendLine(c, $"matrix nonzeros         {MatrixNonzeros}");
        if (Solver is { } s)
        {
            sb.AppendLine(c, $"factor nonzeros (L+U)   {s.FactorNonzeros}");
            sb.AppendLine(c, $"dense tail              {s.DenseTailSize}");
            sb.AppendLine(c, $"flops per factorisation {s.FactorFlops:E3}");
            sb.AppendLine(c, $"factorisations          {s.Factorizations}");
            sb.AppendLine(c, $"refactorisations        {s.Refactorizations}");
            sb.AppendLine(c, $"reused factorisations   {ReusedFactorizations}");
            sb.AppendLine(c, $"solves                  {s.Solves}");
            sb.AppendLine(c, $"  refinement solves     {s.RefinementSteps}");
        }

        sb.AppendLine(c, $"newton iterations       {NewtonIterations}");
        sb.AppendLine(c, $"  of which chord steps  {PolishIterations}");
        sb.AppendLine(c, $"  of which GMRES steps  {KrylovSteps}");
        sb.AppendLine(c, $"accepted time steps     {AcceptedSteps}");
        sb.AppendLine(c, $"rejected time steps     {RejectedSteps}");
        sb.AppendLine(c, $"setup time s            {SetupTime.Elapsed.TotalSeconds:F6}");
        sb.AppendLine(c, $"load time s             {LoadTime.Elapsed.TotalSeconds:F6}");
        if (Solver is { } t)
        {
            sb.AppendLine(c, $"ordering time s         {t.OrderingTime.Elapsed.TotalSeconds:F6}");
            sb.AppendLine(c, $"factor time s           {t.FactorTime.Elapsed.TotalSeconds:F6}");
            sb.AppendLine(c, $"solve time s            {t.SolveTime.Elapsed.TotalSeconds:F6}");
        }

        sb.AppendLine(c, $"operating point time s  {OperatingPointTime.Elapsed.TotalSeconds:F6}");
        sb.AppendLine(c, $"dc sweep time s         {DcSweepTime.Elapsed.TotalSeconds:F6}");
        sb.AppendLine(c, $"transient time s        {TransientTime.Elapsed.TotalSeconds:F6}");
        sb.AppendLine(c, $"ac time s               {AcTime.Elapsed.TotalSeconds:F6}");
        using (var process = Process.GetCurrentProcess())
        {
            sb.AppendLine(c, $"peak working set MB     {process.PeakWorkingSet64 / 1e6:F1}");
        }

        return sb.ToString();
    }
}
