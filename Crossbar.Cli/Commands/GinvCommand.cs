using System.CommandLine;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar ginv</c>: builds and simulates the closed-loop generalised-inverse (least-squares) circuit for min ‖X·x − b‖ and compares it with the exact least-squares solution.</summary>
public static class GinvCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new CrossbarOptions(CrossbarProblem.Ginv);
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "directory for solution.csv, summary.csv, run.json (and waveforms.csv/.png for tran)", Required = true };
        var command = new Command("ginv", "least squares min ‖X·x − b‖ (X tall, N×M) with a closed-loop RRAM crossbar generalised-inverse circuit");
        options.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Guard(() => CrossbarRun.Execute("ginv", options.Read(parse), parse.GetValue(output)!)));
        return command;
    }
}
