using System.Globalization;

namespace Crossbar.Cli.Tests;

/// <summary><c>crossbar run</c> on a deck with <c>.measure</c> cards: stdout lines as ngspice prints them, and measures.csv.</summary>
[TestFixture]
public class RunMeasureTests
{
    private const string Deck = """
        rc step
        vin in 0 pulse(0 1 1u 1n 1n 20u 40u)
        r1 in out 1k
        c1 out 0 1n
        .tran 5n 8u
        .meas tran trise trig v(out) val=0.1 rise=1 targ v(out) val=0.9 rise=1
        .meas tran never when v(out)=5
        .meas tran vmax max v(out)
        .end
        """;

    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    [Test]
    public void When_DeckHasMeasures_Expect_NgspiceLinesOnStdoutAndMeasuresCsv()
    {
        string deck = Path.Combine(_dir, "rc.cir");
        File.WriteAllText(deck, Deck);
        string output = Path.Combine(_dir, "out");

        Cli.Result r = Cli.Run("run", deck, "--out", output);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] stdout = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(stdout[0], Does.Match(@"^trise {15}=  2\.19\d{4}e-06 targ=  \d\.\d{6}e-06 trig=  \d\.\d{6}e-06$"));
        Assert.That(stdout[1], Is.EqualTo("never: failed"));
        Assert.That(stdout[2], Does.Match(@"^vmax {16}=  9\.99\d{4}e-01 at=  8\.000000e-06$"));
        Assert.That(r.Stderr, Does.Contain("warning: measure never (tran) failed: WHEN: v(out) does not reach 5"));

        string[] csv = Cli.Lines(Path.Combine(output, "measures.csv"));
        Assert.That(csv[0], Is.EqualTo("name,value,analysis,ok"));
        Assert.That(csv[2], Is.EqualTo("never,,tran,false"));
        string[] trise = csv[1].Split(',');
        Assert.That(trise[0], Is.EqualTo("trise"));
        Assert.That(double.Parse(trise[1], CultureInfo.InvariantCulture), Is.EqualTo(1e-6 * Math.Log(9)).Within(2e-9));
        Assert.That(trise[2..], Is.EqualTo(new[] { "tran", "true" }));
    }

    [Test]
    public void When_DeckHasSteps_Expect_StepColumnsLeadingEveryCsvAndARowPerStepAndMeasure()
    {
        string deck = Path.Combine(_dir, "rc.cir");
        File.WriteAllText(deck, Deck.Replace("r1 in out 1k", "r1 in out {r}").Replace(".end", ".param r=1k\n.step param r list 1k 2k\n.end"));
        string output = Path.Combine(_dir, "out");

        Cli.Result r = Cli.Run("run", deck, "--out", output);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        double[] steps = Cli.Column(Path.Combine(output, "tran.csv"), "step_r");
        Assert.That(steps.Distinct(), Is.EqualTo(new[] { 1e3, 2e3 }));
        Assert.That(steps.Count(s => s == 1e3), Is.GreaterThan(100));
        string[] csv = Cli.Lines(Path.Combine(output, "measures.csv"));
        Assert.That(csv[0], Is.EqualTo("step_r,name,value,analysis,ok"));
        Assert.That(csv.Skip(1).Select(l => string.Join(',', l.Split(',')[0], l.Split(',')[1])), Is.EqualTo(new[]
        {
            "1000,trise", "1000,never", "1000,vmax", "2000,trise", "2000,never", "2000,vmax",
        }));
        double rise2k = double.Parse(csv[4].Split(',')[2], CultureInfo.InvariantCulture);
        Assert.That(rise2k, Is.EqualTo(2e-6 * Math.Log(9)).Within(4e-9));
        Assert.That(r.Stdout, Does.Contain("* step_r=2000" + Environment.NewLine + "trise"));
    }
}
