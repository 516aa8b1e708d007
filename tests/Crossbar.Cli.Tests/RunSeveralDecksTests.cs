namespace Crossbar.Cli.Tests;

/// <summary><c>crossbar run</c> with several decks, a deck on standard input (<c>-</c>), and <c>--raw</c>.</summary>
[TestFixture]
public class RunSeveralDecksTests
{
    private const string Divider = "divider\nv1 in 0 3\nr1 in out 2k\nr2 out 0 1k\n.op\n.dc v1 0 3 1\n.end\n";
    private const string Rc = "rc\nv1 in 0 pulse(0 1 0 1n 1n 1u 2u)\nr1 in out 1k\nc1 out 0 1n\n.tran 10n 2u\n.end\n";

    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string Deck(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Cli.Result RunWithInput(string input, params string[] args)
    {
        TextReader old = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return Cli.Run(args);
        }
        finally
        {
            Console.SetIn(old);
        }
    }

    [Test]
    public void When_TwoDecksAndStdinRun_Expect_OneSubfolderEach()
    {
        string output = Path.Combine(_dir, "out");

        Cli.Result r = RunWithInput(Rc, "run", Deck("divider.cir", Divider), Deck("other.cir", Rc), "-", "--out", output);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Directory.GetDirectories(output).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "divider", "other", "stdin" }));
        Assert.That(Cli.Column(Path.Combine(output, "divider", "op.csv"), "v(out)")[0], Is.EqualTo(1).Within(1e-9));
        Assert.That(Cli.Column(Path.Combine(output, "divider", "dc.csv"), "v(out)"), Is.EqualTo(new[] { 0, 1 / 3.0, 2 / 3.0, 1 }).Within(1e-9));
        double[] fromFile = Cli.Column(Path.Combine(output, "other", "tran.csv"), "v(out)");
        double[] fromStdin = Cli.Column(Path.Combine(output, "stdin", "tran.csv"), "v(out)");
        Assert.That(fromStdin, Is.EqualTo(fromFile));
        Assert.That(fromFile.Max(), Is.GreaterThan(0.6));
        Assert.That(Cli.Parameters(Path.Combine(output, "stdin", "run.json"))["deck"], Is.EqualTo("-"));
    }

    [Test]
    public void When_OneDeckFromStdin_Expect_FilesStraightInOut()
    {
        string output = Path.Combine(_dir, "out");

        Cli.Result r = RunWithInput(Divider, "run", "-", "--out", output);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Cli.Column(Path.Combine(output, "op.csv"), "v(out)")[0], Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public void When_StdinDeckInvalid_Expect_Exit2NamingStdinLine()
    {
        Cli.Result r = RunWithInput("t\nr1 a 0 1\n.tran 1u\n", "run", "-", "--out", Path.Combine(_dir, "out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith("error: <stdin>:3:"));
    }

    [Test]
    public void When_TwoDecksShareAName_Expect_Exit2AndNoOutput()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "b"));
        string output = Path.Combine(_dir, "out");

        Cli.Result r = Cli.Run("run", Deck("same.cir", Divider), Deck(Path.Combine("b", "same.cir"), Divider), "--out", output);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith("error: two decks would write the subfolder 'same'"));
        Assert.That(Directory.Exists(output), Is.False);
    }

    [Test]
    public void When_SecondDeckFails_Expect_Exit2AndPreviousFolderKept()
    {
        string output = Path.Combine(_dir, "out");
        Assert.That(Cli.Run("run", Deck("divider.cir", Divider), "--out", output).ExitCode, Is.EqualTo(0));

        Cli.Result r = Cli.Run("run", Deck("divider.cir", Divider), Deck("bad.cir", "t\nr1 a 0 {nope}\n.op\n"), "--out", output);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("bad.cir:2:"));
        Assert.That(File.Exists(Path.Combine(output, "op.csv")), Is.True, "the previous single-deck results stay");
    }

    [Test]
    public void When_RawRequested_Expect_NgspiceBinaryRawWithOnePlotPerAnalysis()
    {
        string raw = Path.Combine(_dir, "divider.raw");

        Cli.Result r = Cli.Run("run", Deck("divider.cir", Divider), "--out", Path.Combine(_dir, "out"), "--raw", raw);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        byte[] bytes = File.ReadAllBytes(raw);
        string text = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.That(text, Does.StartWith("Title: divider\nDate: "));
        Assert.That(text, Does.Contain("Plotname: Operating Point\nFlags: real\nNo. Variables: 3\nNo. Points: 1       \nVariables:\n\t0\tv(in)\tvoltage\n\t1\tv(out)\tvoltage\n\t2\ti(v1)\tcurrent\nBinary:\n"));
        Assert.That(text, Does.Contain("Plotname: DC transfer characteristic\nFlags: real\nNo. Variables: 4\nNo. Points: 4       \nVariables:\n\t0\tv(v-sweep)\tvoltage\n"));
        int data = text.IndexOf("Binary:\n", StringComparison.Ordinal) + "Binary:\n".Length;
        Assert.That(BitConverter.ToDouble(bytes, data + 8), Is.EqualTo(1).Within(1e-9), "v(out) of the operating point");
        Assert.That(Directory.GetFiles(_dir, "*.tmp*"), Is.Empty);
    }

    [Test]
    public void When_RawRequestedForSeveralDecks_Expect_OneInEachSubfolder()
    {
        string output = Path.Combine(_dir, "out");

        Cli.Result r = Cli.Run("run", Deck("divider.cir", Divider), Deck("rc.cir", Rc), "--out", output, "--raw", "all.raw");

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(output, "rc", "all.raw"))), Does.Contain("Plotname: Transient Analysis\n"));
        Assert.That(File.Exists(Path.Combine(output, "divider", "all.raw")), Is.True);
    }
}
