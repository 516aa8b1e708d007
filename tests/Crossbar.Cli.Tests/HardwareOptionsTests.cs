using System.CommandLine;
using Crossbar.Cli.Commands;
using Crossbar.Cli.Options;

namespace Crossbar.Cli.Tests;

/// <summary>One hardware description for every command that runs arrays: the same options, defaults and errors.</summary>
public class HardwareOptionsTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private static IEnumerable<Command> ArrayCommands()
    {
        yield return InvCommand.Create();
        yield return MvmCommand.Create();
        yield return GinvCommand.Create();
        yield return HpinvCommand.Create();
        yield return MimoCommand.Create();
        yield return CostCommand.Create();
        Command export = ExportCommand.Create();
        foreach (Command sub in export.Subcommands)
        {
            yield return sub;
        }
    }

    [Test]
    public void When_AnyArrayCommand_Expect_EveryHardwareOptionWithTheSharedDefault()
    {
        var reference = new HardwareOptions();
        var expected = new Command("reference");
        reference.AddTo(expected);
        var commands = ArrayCommands().ToList();
        Assert.That(commands.Select(c => c.Name), Is.EquivalentTo(new[] { "inv", "mvm", "ginv", "hpinv", "mimo", "cost", "inv", "mvm", "ginv", "hpinv" }));
        foreach (Command command in commands)
        {
            foreach (Option option in expected.Options)
            {
                Option? found = command.Options.FirstOrDefault(o => o.Name == option.Name);
                Assert.That(found, Is.Not.Null, $"{command.Name} lacks {option.Name}");
                Assert.That(found!.Description, Is.EqualTo(option.Description), $"{command.Name} {option.Name}: same help and default");
            }
        }

        Assert.That(expected.Options.Select(o => o.Name), Is.SupersetOf(new[]
        {
            "--cell", "--rram", "--rram-v0", "--wire-r", "--wire-c", "--opamp", "--a0", "--gbw", "--bits", "--g-min", "--g-max",
            "--prog-sigma", "--read-noise", "--dac-bits", "--adc-bits", "--drift-time", "--seed", "--opamp-offset", "--opamp-noise",
        }));
    }

    [TestCase("inv", "--cell", "2t2r", "--cell: '2t2r' is not one of 1r, 1t1r")]
    [TestCase("hpinv", "--rram", "exp", "--rram: 'exp' is not one of linear, sinh")]
    [TestCase("mimo", "--opamp", "real", "--opamp: 'real' is not one of ideal, gain, pole")]
    [TestCase("hpinv", "--fidelity", "spice", "--fidelity: 'spice' is not one of ideal, op, tran")]
    [TestCase("mvm", "--analysis", "ac", "--analysis: 'ac' is not one of op, tran")]
    public void When_ChoiceIsNotOneOfTheWords_Expect_Exit2ListingTheChoices(string command, string option, string value, string message)
    {
        Cli.Result r = Cli.Run(command, option, value, "--out", Path.Combine(_dir, "x"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
        Assert.That(Directory.Exists(Path.Combine(_dir, "x")), Is.False);
    }

    [TestCase("--g-max", "1e-7", "--g-max must be a finite conductance above --g-min")]
    [TestCase("--rram-v0", "0", "--rram-v0 must be a finite voltage > 0 V, got 0")]
    [TestCase("--read-noise", "-0.1", "--read-noise must be a relative σ in [0, 1), got -0.1")]
    [TestCase("--drift-time", "NaN", "--drift-time must be a finite time ≥ 0 s, got NaN")]
    [TestCase("--adc-bits", "1", "--adc-bits must be 0 (ideal) or between 2 and 32, got 1")]
    public void When_HardwareValueOutOfRange_Expect_Exit2NamingTheOption(string option, string value, string message)
    {
        foreach (string command in new[] { "inv", "hpinv" })
        {
            Cli.Result r = Cli.Run(command, "--size", "4", option, value, "--out", Path.Combine(_dir, "x"));

            Assert.That(r.ExitCode, Is.EqualTo(2), $"{command}: {r.Stderr}");
            Assert.That(r.Stderr, Does.Contain(message), command);
        }
    }

    [Test]
    public void When_InvAndHpinvRunOnDefaults_Expect_TheSameHardwareInTheirMetadata()
    {
        Cli.Result inv = Cli.Run("inv", "--size", "8", "--out", Path.Combine(_dir, "inv"));
        Cli.Result hpinv = Cli.Run("hpinv", "--size", "8", "--out", Path.Combine(_dir, "hp"));
        Assert.That(inv.ExitCode, Is.EqualTo(0), inv.Stderr);
        Assert.That(hpinv.ExitCode, Is.EqualTo(0), hpinv.Stderr);

        string[] keys = ["cell", "rram", "rram_v0_V", "wire_r_ohm", "wire_c_F", "opamp", "a0", "gbw_Hz", "bits", "g_min_S", "g_max_S", "prog_sigma", "read_noise", "dac_bits", "adc_bits", "drift_time_s", "seed"];
        Dictionary<string, string> a = Cli.Parameters(Path.Combine(_dir, "inv", "run.json"));
        Dictionary<string, string> b = Cli.Parameters(Path.Combine(_dir, "hp", "run.json"));
        foreach (string key in keys)
        {
            Assert.That(b[key], Is.EqualTo(a[key]), key);
        }

        Assert.That(a["cell"], Is.EqualTo("1t1r"));
        Assert.That(a["opamp"], Is.EqualTo("pole"));
        Assert.That(a["prog_sigma"], Is.EqualTo("0.02"));
    }

    [Test]
    public void When_DriftTimeGrows_Expect_TheInvAnswerToMoveAway()
    {
        double[] errors = [.. new[] { "0", "1e2", "1e6" }.Select(t =>
        {
            string outDir = Path.Combine(_dir, $"d{t}");
            Cli.Result r = Cli.Run("inv", "--size", "8", "--cell", "1r", "--wire-r", "0", "--bits", "0", "--prog-sigma", "0", "--opamp", "ideal", "--dac-bits", "0", "--adc-bits", "0", "--drift-time", t, "--out", outDir);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            return Cli.Column(Path.Combine(outDir, "summary.csv"), "rel_error_2norm")[0];
        })];

        Assert.That(errors[0], Is.LessThan(1e-9), "no drift, ideal circuit: exact");
        Assert.That(errors[1], Is.GreaterThan(1e-3), "two decades of relaxation");
        Assert.That(errors[2], Is.GreaterThan(errors[1]), "six decades relax further");
    }
}
