using System.CommandLine;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar export deck.cir -o out.cir [--flatten]</c>: writes the parsed netlist back as an
/// ngspice deck; <c>crossbar export inv|mvm|ginv -o deck.cir [options]</c>: writes a generated
/// crossbar circuit (exactly what <c>inv</c>/<c>mvm</c>/<c>ginv</c> simulate) as an ngspice deck.
/// Subcommand names take precedence over the deck argument (a deck named <c>inv</c> needs a path such as <c>./inv</c>).
/// </summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var deck = new Argument<FileInfo>("deck") { Description = "SPICE deck (.cir) to read" };
        var output = new Option<FileInfo>("--output", "-o") { HelpName = "deck.cir", Description = "deck file to write", Required = true };
        var flatten = new Option<bool>("--flatten") { Description = "expand subcircuit instances into plain elements" };
        var command = new Command("export", "write a deck, or a generated crossbar circuit (export inv|mvm|ginv), as an ngspice-compatible netlist") { deck, output, flatten };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            Netlist netlist = NetlistReader.ReadFile(parse.GetValue(deck)!.FullName);
            if (parse.GetValue(flatten))
            {
                netlist = SubcircuitFlattener.Flatten(netlist);
            }

            FileInfo target = parse.GetValue(output)!;
            AtomicFile.WriteAllText(target.FullName, NetlistWriter.Write(netlist));
            Console.Error.WriteLine($"wrote {target.FullName}");
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(CreateCircuit(CrossbarProblem.Inv, "inv", "write the closed-loop INV circuit for A·x = b as an ngspice deck"));
        command.Subcommands.Add(CreateCircuit(CrossbarProblem.Mvm, "mvm", "write the open-loop MVM circuit for y = A·x as an ngspice deck"));
        command.Subcommands.Add(CreateCircuit(CrossbarProblem.Ginv, "ginv", "write the closed-loop least-squares (GINV) circuit for min ‖X·x − b‖ as an ngspice deck"));
        return command;
    }

    private static Command CreateCircuit(CrossbarProblem problem, string name, string description)
    {
        var options = new CrossbarOptions(problem);
        var output = new Option<FileInfo>("--output", "-o") { HelpName = "deck.cir", Description = "deck file to write", Required = true };
        var command = new Command(name, description);
        options.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            CrossbarSpec spec = options.Read(parse);
            CrossbarCircuit circuit = CrossbarCircuit.Build(spec);
            FileInfo target = parse.GetValue(output)!;
            AtomicFile.WriteAllText(target.FullName, NetlistWriter.Write(circuit.Netlist));
            Console.Error.WriteLine($"wrote {target.FullName} ({circuit.Netlist.Title})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
