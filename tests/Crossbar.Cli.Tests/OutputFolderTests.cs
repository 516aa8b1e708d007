using System.Diagnostics;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Tests;

/// <summary>Every command replaces its --out folder as a unit; --out is checked before simulating; messages carry no .NET internals.</summary>
public class OutputFolderTests
{
    private const string FullDeck = """
        rc op dc tran
        V1 in 0 DC 1 PULSE(0 1 0 1n 1n 1 2)
        R1 in out 1k
        C1 out 0 1n
        .op
        .dc V1 0 1 0.5
        .tran 0.1u 5u
        .end
        """;

    private const string OpDeck = """
        divider op only
        V1 in 0 DC 2
        R1 in out 1k
        R2 out 0 1k
        .op
        .end
        """;

    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    private string[] Files(string dir) => [.. Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => n!)];

    private string[] Siblings() => [.. Files(_dir).Where(n => n.StartsWith("out.", StringComparison.Ordinal))];

    private string Deck(string name, string text)
    {
        string path = P(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Test]
    public void When_OpOnlyDeckRunIntoFolderOfOpDcTranRun_Expect_OnlyOpCsv()
    {
        Assert.That(Cli.Run("run", Deck("full.cir", FullDeck), "--out", P("out")).ExitCode, Is.EqualTo(0));
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "dc.csv", "op.csv", "run.json", "tran.csv", "tran.png" }));

        Cli.Result r = Cli.Run("run", Deck("op.cir", OpDeck), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "op.csv", "run.json" }));
        Assert.That(Cli.Column(P("out/op.csv"), "v(out)")[0], Is.EqualTo(1.0).Within(1e-9));
        Assert.That(Siblings(), Is.Empty);
    }

    [Test]
    public void When_InvOpIntoFolderOfTranRun_Expect_NoOldWaveforms()
    {
        Assert.That(Cli.Run("inv", "--size", "4", "--analysis", "tran", "--out", P("out")).ExitCode, Is.EqualTo(0));
        Assert.That(File.Exists(P("out/waveforms.csv")), Is.True);

        Cli.Result r = Cli.Run("inv", "--size", "4", "--analysis", "op", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "run.json", "solution.csv", "summary.csv" }));
        Assert.That(Siblings(), Is.Empty);
    }

    [Test]
    public void When_HpinvIntoFolderOfInvRun_Expect_OnlyHpinvFiles()
    {
        Assert.That(Cli.Run("inv", "--size", "4", "--analysis", "tran", "--out", P("out")).ExitCode, Is.EqualTo(0));

        Cli.Result r = Cli.Run("hpinv", "--size", "4", "--fidelity", "ideal", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "iterations.csv", "iterations.png", "run.json", "solution.csv", "summary.csv" }));
    }

    [Test]
    public void When_MimoIntoFolderOfHpinvRun_Expect_OnlyBerAndRunJson()
    {
        Assert.That(Cli.Run("hpinv", "--size", "4", "--fidelity", "ideal", "--out", P("out")).ExitCode, Is.EqualTo(0));

        Cli.Result r = Cli.Run("mimo", "--rx", "8", "--tx", "2", "--qam", "4", "--snr", "0", "--frames", "5", "--fidelity", "ideal", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "ber.csv", "ber.png", "run.json" }));
    }

    [Test]
    public void When_SimulationRefusedAfterStaging_Expect_PreviousResultsKeptAndNoTemporary()
    {
        Assert.That(Cli.Run("inv", "--size", "4", "--out", P("out")).ExitCode, Is.EqualTo(0));
        string before = File.ReadAllText(P("out/solution.csv"));
        string zeros = P("zeros.csv");
        File.WriteAllLines(zeros, ["0,0", "0,0"]);
        Cli.WriteVector(P("x.csv"), [1.0, 1.0]);

        Cli.Result r = Cli.Run("mvm", "--matrix", zeros, "--rhs", P("x.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("matrix is all zeros").And.Not.Contain("(Parameter"));
        Assert.That(File.ReadAllText(P("out/solution.csv")), Is.EqualTo(before));
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "run.json", "solution.csv", "summary.csv" }));
        Assert.That(Siblings(), Is.Empty);
    }

    [Test]
    public void When_OutIsRegularFile_Expect_Exit2BeforeSimulating()
    {
        File.WriteAllText(P("out"), "keep");

        Cli.Result r = Cli.Run("inv", "--size", "4", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"--out {P("out")} exists and is not a directory"));
        Assert.That(r.Stderr, Does.Not.Contain("building"), "nothing is simulated");
        Assert.That(File.ReadAllText(P("out")), Is.EqualTo("keep"));
    }

    [Test]
    public void When_OutIsDanglingSymlink_Expect_Exit2NamingTheLink()
    {
        File.CreateSymbolicLink(P("out"), P("missing"));

        Cli.Result r = Cli.Run("run", Deck("op.cir", OpDeck), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"--out {P("out")} is a symbolic link to {P("missing")}, which does not exist"));
        Assert.That(Directory.Exists(P("missing")), Is.False);
    }

    [Test]
    public void When_OutIsSymlinkToDirectory_Expect_ResultsInLinkedDirectoryAndLinkKept()
    {
        Directory.CreateDirectory(P("real"));
        File.CreateSymbolicLink(P("out"), P("real"));

        Cli.Result r = Cli.Run("run", Deck("op.cir", OpDeck), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(new FileInfo(P("out")).LinkTarget, Is.EqualTo(P("real")));
        Assert.That(Files(P("real")), Is.EqualTo(new[] { "op.csv", "run.json" }));
    }

    [Test]
    public void When_OutIsDevNull_Expect_Exit2()
    {
        Cli.Result r = Cli.Run("hpinv", "--size", "4", "--fidelity", "ideal", "--out", "/dev/null");

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--out /dev/null exists and is not a directory"));
    }

    [Test]
    public void When_ParentOfOutIsAFile_Expect_Exit2NamingTheFile()
    {
        File.WriteAllText(P("file"), "x");

        Cli.Result r = Cli.Run("mimo", "--rx", "8", "--tx", "2", "--qam", "4", "--snr", "0", "--frames", "5", "--out", P("file/sub/out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"--out {P("file/sub/out")}: {P("file")} is a file, not a directory"));
    }

    [Test]
    public void When_OutHoldsAForeignFile_Expect_Exit2AndFileKept()
    {
        Directory.CreateDirectory(P("out"));
        string deck = Path.Combine(P("out"), "deck.cir");
        File.WriteAllText(deck, OpDeck);

        Cli.Result r = Cli.Run("run", deck, "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("holds 'deck.cir', which no crossbar command writes"));
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "deck.cir" }));
    }

    [Test]
    public void When_TemporariesOfDeadProcessBesideOut_Expect_RemovedOnNextRun()
    {
        int dead = DeadPid();
        string staging = P($"out.tmp-{dead}-0badf00d");
        string aside = P($"out.old-{dead}-0badf00d");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(aside);
        File.WriteAllText(Path.Combine(staging, "tran.csv.tmp123"), "partial");
        Assert.That(Cli.Run("run", Deck("op.cir", OpDeck), "--out", P("out")).ExitCode, Is.EqualTo(0));

        Assert.That(Siblings(), Is.Empty);
        Assert.That(Files(P("out")), Is.EqualTo(new[] { "op.csv", "run.json" }));
    }

    [Test]
    public void When_StagingOfRunningProcess_Expect_Kept()
    {
        string live = P($"out.tmp-{Environment.ProcessId}-00c0ffee");
        Directory.CreateDirectory(live);

        Assert.That(Cli.Run("run", Deck("op.cir", OpDeck), "--out", P("out")).ExitCode, Is.EqualTo(0));

        Assert.That(Siblings(), Is.EqualTo(new[] { $"out.tmp-{Environment.ProcessId}-00c0ffee" }));
    }

    [Test]
    public void When_KilledBetweenTheRenamesOfCommit_Expect_PreviousFolderRestored()
    {
        string aside = P($"out.old-{DeadPid()}-0badf00d");
        Directory.CreateDirectory(aside);
        File.WriteAllText(Path.Combine(aside, "op.csv"), "previous");

        int count = OutputFolder.CleanStale(P("out"));

        Assert.That(count, Is.EqualTo(1));
        Assert.That(File.ReadAllText(P("out/op.csv")), Is.EqualTo("previous"));
        Assert.That(Siblings(), Is.Empty);
    }

    [Test]
    public void When_BeginDisposedWithoutCommit_Expect_TargetUntouchedAndStagingGone()
    {
        Directory.CreateDirectory(P("out"));
        File.WriteAllText(P("out/op.csv"), "previous");
        string staging;
        using (var folder = OutputFolder.Begin(P("out")))
        {
            staging = folder.Staging;
            File.WriteAllText(folder.File("op.csv"), "new");
            Assert.That(Path.GetFileName(staging), Does.Match($@"^out\.tmp-{Environment.ProcessId}-[0-9a-f]{{8}}$"));
        }

        Assert.That(Directory.Exists(staging), Is.False);
        Assert.That(File.ReadAllText(P("out/op.csv")), Is.EqualTo("previous"));
    }

    [TestCase("abc", "--size: 'abc' is not an integer")]
    [TestCase("2.5", "--size: '2.5' is not an integer")]
    public void When_NullableIntOptionNotAnInteger_Expect_PlainMessage(string value, string message)
    {
        Cli.Result r = Cli.Run("inv", "--size", value, "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message).And.Not.Contain("System.").And.Not.Contain("Nullable"));
        Assert.That(Directory.Exists(P("out")), Is.False);
    }

    [Test]
    public void When_IntOptionNotAnInteger_Expect_PlainMessage()
    {
        Cli.Result r = Cli.Run("mvm", "--seed", "x1", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--seed: 'x1' is not an integer").And.Not.Contain("System."));
    }

    [Test]
    public void When_NullableDoubleOptionNotANumber_Expect_PlainMessage()
    {
        Cli.Result r = Cli.Run("hpinv", "--condition", "ten", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--condition: 'ten' is not a number").And.Not.Contain("System."));
    }

    [Test]
    public void When_ArgumentMessageHasParameterSuffix_Expect_SuffixRemoved()
    {
        string plain = Commands.UsageException.From(new ArgumentException("matrix is all zeros", "matrix")).Message;

        Assert.That(plain, Is.EqualTo("matrix is all zeros"));
    }

    [Test]
    public void When_ExportAfterKilledExport_Expect_DeadWritersTemporaryRemoved()
    {
        File.WriteAllText(P($"copy.cir.tmp{DeadPid()}"), "partial");
        File.WriteAllText(P($"copy.cir.tmp{Environment.ProcessId}x"), "not a pid suffix");

        Cli.Result r = Cli.Run("export", Deck("op.cir", OpDeck), "-o", P("copy.cir"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Files(_dir), Is.EqualTo(new[] { "copy.cir", $"copy.cir.tmp{Environment.ProcessId}x", "op.cir" }));
    }

    [Test]
    public void When_ExportToFile_Expect_SingleFileAndNoTemporary()
    {
        Cli.Result r = Cli.Run("export", Deck("op.cir", OpDeck), "-o", P("copy.cir"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Files(_dir), Is.EqualTo(new[] { "copy.cir", "op.cir" }));
        Assert.That(File.ReadAllText(P("copy.cir")), Does.Contain("R2 out 0"));
    }
}
