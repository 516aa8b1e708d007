using System.CommandLine;
using Crossbar.Cli.Commands;
using Crossbar.Cli.Demo;
using Crossbar.Cli.Sweeps;

namespace Crossbar.Cli;

/// <summary>Entry point of the <c>crossbar</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; exit 0 ok, 1 simulation failure, 2 usage or input error.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("CrossbarSim: circuit-level simulator for RRAM crossbar analogue computing");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(InvCommand.Create());
        root.Subcommands.Add(MvmCommand.Create());
        root.Subcommands.Add(GinvCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(HpinvCommand.Create());
        root.Subcommands.Add(CostCommand.Create());
        root.Subcommands.Add(MimoCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        Output.Invocation.Set(args);
        return CommandRunner.Invoke(root, args);
    }
}
