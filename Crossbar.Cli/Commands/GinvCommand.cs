using System.CommandLine;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar ginv</c>: builds and simulates the closed-loop generalised-inverse (least-squares) circuit for min ‖X·x − b‖ and compares it with the exact least-squares solution.</summary>
public static class GinvCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => Create(diagnostics: true);

    /// <summary>Builds the command, with or without <c>--stats</c> and <c>--dump-matrix</c> (a sweep runs it without: <see cref="DiagnosticOptions"/>).</summary>
    public static Command Create(bool diagnostics)
    {
        var options = new CrossbarOptions(CrossbarProblem.Ginv);
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "directory for solution.csv, summary.csv, run.json (and waveforms.csv/.png for tran)", Required = true };
        var command = new Command("ginv", "least squares min ‖X·x − b‖ (X tall, N×M) with a closed-loop RRAM crossbar generalised-inverse circuit");
        options.AddTo(command);
        command.Options.Add(output);
        DiagnosticOptions? extra = diagnostics ? new DiagnosticOptions() : null;
        extra?.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() => CrossbarRun.Execute("ginv", options.Read(parse), parse.GetValue(output)!, extra?.Read(parse) ?? RunDiagnostics.None)));
        return command;
    }
}
