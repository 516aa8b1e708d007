using System.CommandLine;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar export deck.cir -o out.cir [--flatten]</c>: writes the parsed netlist back as an ngspice deck.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var deck = new Argument<FileInfo>("deck") { Description = "SPICE deck (.cir) to read" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "deck file to write", Required = true };
        var flatten = new Option<bool>("--flatten") { Description = "expand subcircuit instances into plain elements" };
        var command = new Command("export", "write a deck back as an ngspice-compatible netlist") { deck, output, flatten };
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
        return command;
    }
}
