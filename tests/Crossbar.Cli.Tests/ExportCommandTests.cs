using System.CommandLine;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Tests;

public class ExportCommandTests
{
    private const string Divider = """
        resistive divider
        V1 in 0 1
        R1 in out 1k
        R2 out 0 3k
        .op
        .end
        """;

    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    [TestCase("inv", "1t1r")]
    [TestCase("mvm", "1t1r")]
    [TestCase("inv", "1r")]
    [TestCase("ginv", "1t1r")]
    public void When_ExportedDeckIsReadBackAndSimulated_Expect_SameAnswerAsTheCommand(string problem, string cell)
    {
        string[] circuitArgs = ["--size", "4", "--seed", "5", "--cell", cell, "--prog-sigma", "0.02"];

        Cli.Result export = Cli.Run(["export", problem, .. circuitArgs, "-o", P("deck.cir")]);
        Cli.Result run = Cli.Run([problem, .. circuitArgs, "--out", P("out")]);

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Stderr);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Netlist deck = NetlistReader.ReadFile(P("deck.cir"));
        Assert.That(deck.Title, Does.StartWith($"CrossbarSim {problem.ToUpperInvariant()} 4x{(problem == "ginv" ? 2 : 4)}"));
        ResultTable op = CircuitSimulator.Run(deck).Find("op")!;
        double[] fromDeck = BuildLikeTheCli(problem, circuitArgs).Read(op);
        double[] fromCommand = Cli.Column(P("out/solution.csv"), "circuit");
        Assert.That(fromDeck, Has.Length.EqualTo(problem == "ginv" ? 2 : 4));
        double scale = fromCommand.Max(Math.Abs);
        for (int i = 0; i < fromDeck.Length; i++)
        {
            Tolerance.AssertClose(fromDeck[i], fromCommand[i], 1e-9, 1e-12 * scale, $"{problem} output {i}");
        }
    }

    private static CrossbarCircuit BuildLikeTheCli(string problem, string[] args)
    {
        var options = new CrossbarOptions(Enum.Parse<CrossbarProblem>(problem, ignoreCase: true));
        var root = new RootCommand();
        options.AddTo(root);
        return CrossbarCircuit.Build(options.Read(root.Parse(args)));
    }

    [Test]
    public void When_ExportTran_Expect_TranCardAndSavedOutputs()
    {
        Cli.Result r = Cli.Run("export", "inv", "--size", "3", "--analysis", "tran", "-o", P("tran.cir"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Netlist deck = NetlistReader.ReadFile(P("tran.cir"));
        Assert.That(deck.Analyses.OfType<TranAnalysisCard>().Count(), Is.EqualTo(1));
        Assert.That(deck.Saves.Select(s => s.Node), Is.EquivalentTo(new[] { "c0", "c1", "c2" }));
    }

    [Test]
    public void When_ExportUnstableInv_Expect_Exit1AndNoDeck()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 1, 2 }, { 2, 1 } });

        Cli.Result r = Cli.Run("export", "inv", "--matrix", P("a.csv"), "-o", P("deck.cir"));

        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain("eigenvalue"));
        Assert.That(File.Exists(P("deck.cir")), Is.False);
    }

    [Test]
    public void When_DeckPathGiven_Expect_DeckExportStillWorks()
    {
        File.WriteAllText(P("my.cir"), Divider);

        Cli.Result r = Cli.Run("export", P("my.cir"), "-o", P("out.cir"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Netlist back = NetlistReader.ReadFile(P("out.cir"));
        Assert.That(back.Elements.Select(e => e.Name), Is.EquivalentTo(new[] { "V1", "R1", "R2" }));
    }

    [Test]
    public void When_DeckNamesCollideWithSubcommands_Expect_SubcommandWinsAndPathsStillReadDecks()
    {
        File.WriteAllText(P("my.cir"), Divider);
        File.WriteAllText(P("inv"), Divider);
        string old = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _dir;

            Cli.Result plain = Cli.Run("export", "my.cir", "-o", "plain.cir");
            Cli.Result generated = Cli.Run("export", "inv", "--size", "3", "-o", "generated.cir");
            Cli.Result deckNamedInv = Cli.Run("export", "./inv", "-o", "copy.cir");

            Assert.That(plain.ExitCode, Is.EqualTo(0), plain.Stderr);
            Assert.That(NetlistReader.ReadFile(P("plain.cir")).Title, Is.EqualTo("resistive divider"));
            Assert.That(generated.ExitCode, Is.EqualTo(0), generated.Stderr);
            Assert.That(NetlistReader.ReadFile(P("generated.cir")).Title, Does.StartWith("CrossbarSim INV 3x3"));
            Assert.That(deckNamedInv.ExitCode, Is.EqualTo(0), deckNamedInv.Stderr);
            Assert.That(NetlistReader.ReadFile(P("copy.cir")).Title, Is.EqualTo("resistive divider"));
        }
        finally
        {
            Environment.CurrentDirectory = old;
        }
    }

    [Test]
    public void When_ExportSubcommandWithoutOutput_Expect_Exit2()
    {
        Cli.Result r = Cli.Run("export", "mvm", "--size", "3");

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--out"));
    }

    [TestCase("-o")]
    [TestCase("--out")]
    [TestCase("--output")]
    public void When_ExportGetsItsFileByAnyOutputSpelling_Expect_TheDeckWritten(string option)
    {
        File.WriteAllText(P("divider.cir"), Divider);

        Cli.Result deck = Cli.Run("export", P("divider.cir"), option, P("a.cir"));
        Cli.Result circuit = Cli.Run("export", "mvm", "--size", "3", option, P("b.cir"));

        Assert.That(deck.ExitCode, Is.EqualTo(0), deck.Stderr);
        Assert.That(circuit.ExitCode, Is.EqualTo(0), circuit.Stderr);
        Assert.That(File.Exists(P("a.cir")) && File.Exists(P("b.cir")), Is.True);
    }
}
