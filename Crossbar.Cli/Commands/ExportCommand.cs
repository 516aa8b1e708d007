using System.CommandLine;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar export deck.cir -o|--out out.cir [--flatten]</c>: writes the parsed netlist back as an
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
        var output = new Option<FileInfo>("--out", "-o", "--output") { HelpName = "deck.cir", Description = "deck file to write", Required = true };
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
        command.Subcommands.Add(CreateHpinv());
        return command;
    }

    /// <summary>
    /// <c>crossbar export hpinv [options] --op &lt;k&gt; -o deck.cir</c>: runs HP-INV with the given options on the circuit
    /// backend (operating point, or transient with <c>--fidelity tran</c>) and writes the circuit of its k-th analogue
    /// operation (MVM or INV, in execution order; 0, the default, is the first LP-INV), built for that operation's
    /// input and conductances: what the run simulated, as an ngspice deck.
    /// </summary>
    private static Command CreateHpinv()
    {
        var common = new AmcOptions();
        var problem = new HpinvCommand.ProblemOptions();
        var operation = new Option<int>("--op") { HelpName = "k", Description = "which analogue operation: k-th MVM or INV of the run in execution order, 0 = the first LP-INV", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out", "-o", "--output") { HelpName = "deck.cir", Description = "deck file to write", Required = true };
        var command = new Command("hpinv", "write the circuit of one analogue operation of an HP-INV run as an ngspice deck") { operation, output };
        problem.AddTo(command);
        common.AddTo(command, withOutput: false);
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            int k = parse.GetValue(operation);
            if (k < 0)
            {
                throw new UsageException($"--op must be 0 (the first LP-INV) or a positive operation number, got {k}");
            }

            var (a, b, _, _, options, _) = problem.Read(parse, common);
            if (options.Backend is not CircuitAnalogBackend inv || options.MvmBackend is not CircuitAnalogBackend mvm)
            {
                // Ideal fidelity has no circuits: the operations are run at their operating point instead.
                var (circuitOptions, _) = common.Build(parse, options.MaxIterations, options.TargetRelativeError, Circuit.Amc.Fidelity.OperatingPoint);
                options = options with { Backend = circuitOptions.Backend, MvmBackend = circuitOptions.MvmBackend };
                inv = (CircuitAnalogBackend)options.Backend;
                mvm = (CircuitAnalogBackend)options.MvmBackend!;
            }

            // One operation after another, so that they are numbered in the order the algorithm issues them.
            options = options with { Mvm = options.Mvm with { Parallelism = 1 } };
            var log = new OperationLog(k);
            inv.Log = log;
            mvm.Log = log;
            try
            {
                HpInvSolver.Solve(a, b, options);
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"simulation failed: {UsageException.Plain(ex)}");
                return ExitCodes.SimulationFailure;
            }

            if (log.Captured is not { } netlist || log.CapturedOperation is not { } captured)
            {
                throw new UsageException(k == 0
                    ? "the HP-INV run performed no LP-INV operation (zero right-hand side?)"
                    : $"--op {k}: the HP-INV run performed only {log.Count} analogue operations");
            }

            FileInfo target = parse.GetValue(output)!;
            AtomicFile.WriteAllText(target.FullName, NetlistWriter.Write(netlist));
            Console.Error.WriteLine($"wrote {target.FullName}: operation {captured.Index} of {log.Count} ({(captured.Kind == OperationKind.Inv ? "INV" : "MVM")}), {netlist.Title}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateCircuit(CrossbarProblem problem, string name, string description)
    {
        var options = new CrossbarOptions(problem);
        var output = new Option<FileInfo>("--out", "-o", "--output") { HelpName = "deck.cir", Description = "deck file to write", Required = true };
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
