namespace Crossbar.Cli.Tests;

/// <summary><c>crossbar run</c> on decks a fuzzing campaign produced: each is a usage error (exit 2) naming the file or card.</summary>
[TestFixture]
public class RunCommandInputTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string Deck(string text)
    {
        string path = Path.Combine(_dir, "deck.cir");
        File.WriteAllText(path, text);
        return path;
    }

    private Cli.Result Run(string deck) => Cli.Run("run", deck, "--out", Path.Combine(_dir, "out"));

    [Test]
    public void When_DeckEmpty_Expect_Exit2NoCircuit()
    {
        string deck = Deck(string.Empty);

        Cli.Result r = Run(deck);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Is.EqualTo($"error: {deck}: no circuit (no element cards){Environment.NewLine}"));
    }

    [Test]
    public void When_DeckIsDevZero_Expect_Exit2NotRegularFile()
    {
        Assume.That(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux /dev/zero");

        Cli.Result r = Run("/dev/zero");

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith("error: /dev/zero: cannot read netlist file '/dev/zero': not a regular file (a character device)"));
    }

    [Test]
    public void When_DcStopHuge_Expect_Exit2TooManyPointsAtTheCard()
    {
        string deck = Deck("t\nV1 a 0 1\nR1 a 0 1k\n.dc V1 0 1e30 1\n");

        Cli.Result r = Run(deck);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith($"error: {deck}:4:1: .dc V1: 1E+30 points is too many"));
    }

    [Test]
    public void When_TranStopSubnormal_Expect_Exit2AtTheCard()
    {
        string deck = Deck("t\nV1 a 0 1\nR1 a 0 1k\n.tran 2u 1e-320\n");

        Cli.Result r = Run(deck);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith($"error: {deck}:4:1: .tran: tstop 1E-320 s is below 1E-250 s"));
    }
}
