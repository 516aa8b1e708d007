using Crossbar.Cli.Commands;
using Crossbar.Cli.Sweeps;

namespace Crossbar.Cli.Tests.Sweeps;

public class SweepPlanTests
{
    private static SweepPlan Plan(int seeds, bool paired, params string[] tokens)
        => SweepPlan.Parse(SweepTarget.Find("inv"), tokens, seeds, 7, paired);

    [Test]
    public void When_TwoOptionsAreSwept_Expect_TheCartesianProductWithTheFirstOptionSlowest()
    {
        var plan = Plan(2, false, "--size", "3,4,5", "--bits", "2,3", "--analysis", "op");
        var points = plan.Points().ToList();
        Assert.That(plan.Count, Is.EqualTo(12));
        Assert.That(points.Select(p => string.Join('/', p.Values)).Distinct(), Is.EqualTo(new[] { "3/2", "3/3", "4/2", "4/3", "5/2", "5/3" }));
        Assert.That(points.Select(p => p.Replicate), Is.EqualTo(new[] { 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 }));
        Assert.That(plan.Fixed.Single().Key, Is.EqualTo("--analysis"));
    }

    [Test]
    public void When_SeedsAreDerived_Expect_TheyDependOnThePointNotOnTheOrderOfOptions()
    {
        var a = Plan(3, false, "--size", "3,4", "--bits", "2,3").Points().ToDictionary(p => string.Join('/', p.Values) + "#" + p.Replicate, p => p.Seed);
        var b = Plan(3, false, "--bits", "2,3", "--size", "3,4").Points().ToDictionary(p => string.Join('/', p.Values.Reverse()) + "#" + p.Replicate, p => p.Seed);
        Assert.That(b, Is.EquivalentTo(a));
        Assert.That(a.Values.Distinct().Count(), Is.EqualTo(a.Count), "every point its own seed");
    }

    [Test]
    public void When_SeedsArePaired_Expect_OneSeedPerReplicateAcrossCombinations()
    {
        var points = Plan(2, true, "--size", "3,4", "--bits", "2,3").Points().ToList();
        Assert.That(points.Where(p => p.Replicate == 0).Select(p => p.Seed).Distinct().Count(), Is.EqualTo(1));
        Assert.That(points.Select(p => p.Seed).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void When_OptionsAreNotGiven_Expect_TheirDefaultsInTheParameterColumns()
    {
        var plan = Plan(1, false, "--size", "3,4", "--force");
        var values = plan.ParameterValues(plan.Points().First());
        string Value(string column) => values[plan.ParameterColumns.ToList().IndexOf(column)];
        Assert.That(Value("size"), Is.EqualTo("3"));
        Assert.That(Value("bits"), Is.EqualTo("3"), "--bits default");
        Assert.That(Value("cell"), Is.EqualTo("1t1r"), "choice default as its word");
        Assert.That(Value("force"), Is.EqualTo("true"), "a given flag");
        Assert.That(plan.Header, Does.Contain("result_size"), "a summary column named like an option is prefixed");
        Assert.That(plan.Header.Count(h => h == "wall_time_s"), Is.EqualTo(1));
    }

    [TestCase(new[] { "--nope", "1" }, "--nope is not an option")]
    [TestCase(new[] { "--size", "3", "--size", "4" }, "given twice")]
    [TestCase(new[] { "--size" }, "needs a value")]
    [TestCase(new[] { "8" }, "unexpected '8'")]
    [TestCase(new[] { "--force=1" }, "is a flag")]
    public void When_TheCommandsOptionsAreWrong_Expect_AnErrorNamingThem(string[] tokens, string reason)
    {
        var ex = Assert.Throws<UsageException>(() => Plan(1, false, tokens));
        Assert.That(ex!.Message, Does.Contain(reason));
    }

    [Test]
    public void When_APlanGoesThroughJson_Expect_TheSamePoints()
    {
        var plan = Plan(2, false, "--size", "3,4", "--bits", "2", "--force");
        var back = SweepPlan.FromJson(plan.ToJson(), "test");
        Assert.That(back.Points().Select(p => (p.Key, p.Seed)), Is.EqualTo(plan.Points().Select(p => (p.Key, p.Seed))));
        Assert.That(back.Header, Is.EqualTo(plan.Header));
    }

    [Test]
    public void When_PointsAreSharded_Expect_EveryPointInExactlyOneShard()
    {
        var keys = Plan(5, false, "--size", "3,4,5,6", "--bits", "2,3,4").Points().Select(p => p.Key).ToList();
        var shards = keys.Select(k => PointSeed.Shard(k, 4)).ToList();
        Assert.That(shards, Is.All.InRange(1, 4));
        Assert.That(shards.Distinct().Count(), Is.EqualTo(4), "60 points reach all 4 shards");
    }
}
