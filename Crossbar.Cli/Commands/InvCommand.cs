using System.CommandLine;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar inv</c>: builds and simulates the closed-loop INV circuit for A·x = b and compares it with the exact solution.</summary>
public static class InvCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new CrossbarOptions(CrossbarProblem.Inv);
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "directory for solution.csv, summary.csv, run.json (and waveforms.csv/.png for tran)", Required = true };
        var command = new Command("inv", "solve A·x = b with a closed-loop RRAM crossbar inversion circuit");
        options.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Guard(() => CrossbarRun.Execute("inv", options.Read(parse), parse.GetValue(output)!)));
        return command;
    }
}
