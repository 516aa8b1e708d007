using System.CommandLine;

namespace Crossbar.Cli.Commands;

/// <summary>
/// The per-run diagnostics of <c>run</c>, <c>inv</c>, <c>mvm</c> and <c>ginv</c>: <c>--stats</c> (solver and Newton
/// statistics on stderr) and <c>--dump-matrix</c> (the operating point's last Newton system for external solvers,
/// <see cref="Output.MatrixDump"/>). Not options of a sweep: every point would write the same file.
/// </summary>
public sealed class DiagnosticOptions
{
    /// <summary>Creates the two options.</summary>
    public DiagnosticOptions()
    {
        Stats = new Option<bool>("--stats") { Description = "print solver and Newton statistics (order/factor/solve times, L+U nonzeros, dense tail, factorisations, Newton iterations, peak memory) to stderr" };
        DumpMatrix = new Option<FileInfo?>("--dump-matrix")
        {
            HelpName = "file.mtx",
            Description = "write the Jacobian of the operating point's last Newton step (Matrix Market coordinate, 1-based), its right-hand side as file.rhs.mtx and the unknowns' names as file.names.csv",
        };
    }

    /// <summary><c>--stats</c>.</summary>
    public Option<bool> Stats { get; }

    /// <summary><c>--dump-matrix &lt;file.mtx&gt;</c>.</summary>
    public Option<FileInfo?> DumpMatrix { get; }

    /// <summary>Adds both options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Stats);
        command.Options.Add(DumpMatrix);
    }

    /// <summary>The values given.</summary>
    public RunDiagnostics Read(ParseResult parse) => new(parse.GetValue(Stats), parse.GetValue(DumpMatrix));
}

/// <summary>What a run reports besides its results.</summary>
/// <param name="Stats">Print the statistics to stderr.</param>
/// <param name="DumpMatrix">Where to write the operating point's Newton system, or null.</param>
public sealed record RunDiagnostics(bool Stats, FileInfo? DumpMatrix)
{
    /// <summary>No diagnostics (a sweep point).</summary>
    public static readonly RunDiagnostics None = new(false, null);
}
