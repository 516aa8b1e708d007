using System.CommandLine;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>A command a sweep can run: how to build its definition, which file holds its summary and that file's columns.</summary>
/// <param name="Name">Command name (<c>inv</c>, <c>hpinv</c>, …).</param>
/// <param name="Create">Builds the command's definition (options, defaults).</param>
/// <param name="SummaryFile">The file in the command's output folder whose rows go into results.csv.</param>
/// <param name="SummaryColumns">That file's columns, in order.</param>
public sealed record SweepTarget(string Name, Func<Command> Create, string SummaryFile, IReadOnlyList<string> SummaryColumns)
{
    /// <summary>Every command a sweep can run (inv, mvm and ginv without their per-run diagnostics <c>--stats</c> and <c>--dump-matrix</c>).</summary>
    public static readonly IReadOnlyList<SweepTarget> All =
    [
        new("inv", () => InvCommand.Create(diagnostics: false), "summary.csv", CrossbarRun.SummaryHeader),
        new("mvm", () => MvmCommand.Create(diagnostics: false), "summary.csv", CrossbarRun.SummaryHeader),
        new("ginv", () => GinvCommand.Create(diagnostics: false), "summary.csv", CrossbarRun.SummaryHeader),
        new("hpinv", HpinvCommand.Create, "summary.csv", HpinvCommand.SummaryColumns),
        new("mimo", MimoCommand.Create, "ber.csv", MimoCommand.BerColumns),
    ];

    /// <summary>Summary columns that are clock measurements of this machine, not outcomes of the point.</summary>
    public static readonly IReadOnlyList<string> MeasuredColumns = ["wall_time_s", "digital_time_s"];

    /// <summary>
    /// The summary columns that go into results.csv: all but the clock measurements (<see cref="MeasuredColumns"/>), so
    /// that the sweep's own wall_time_s (the point's) is the one column that differs between runs of the same sweep.
    /// </summary>
    public IReadOnlyList<string> OutcomeColumns => [.. SummaryColumns.Where(c => !MeasuredColumns.Contains(c))];

    /// <summary>The target called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No such command; the message lists the ones there are.</exception>
    public static SweepTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new UsageException($"sweep: '{name}' is not a command a sweep runs; choose one of {string.Join(", ", All.Select(t => t.Name))}.");
}
