using System.CommandLine;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar mvm</c>: builds and simulates the open-loop MVM circuit for y = A·x and compares it with the exact product.</summary>
public static class MvmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => Create(diagnostics: true);

    /// <summary>Builds the command, with or without <c>--stats</c> and <c>--dump-matrix</c> (a sweep runs it without: <see cref="DiagnosticOptions"/>).</summary>
    public static Command Create(bool diagnostics)
    {
        var options = new CrossbarOptions(CrossbarProblem.Mvm);
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "directory for solution.csv, summary.csv, run.json (and waveforms.csv/.png for tran)", Required = true };
        var command = new Command("mvm", "compute y = A·x with an open-loop RRAM crossbar (TIA readout)");
        options.AddTo(command);
        command.Options.Add(output);
        DiagnosticOptions? extra = diagnostics ? new DiagnosticOptions() : null;
        extra?.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() => CrossbarRun.Execute("mvm", options.Read(parse), parse.GetValue(output)!, extra?.Read(parse) ?? RunDiagnostics.None)));
        return command;
    }
}
