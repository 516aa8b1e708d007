using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class ExpressionEvaluatorTests
{
    private static readonly Dictionary<string, double> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 2,
        ["rload"] = 1e3,
        ["w_1"] = 0.5,
    };

    [TestCase("1+2*3", 7.0)]
    [TestCase("(1+2)*3", 9.0)]
    [TestCase("2^3^2", 512.0)]
    [TestCase("2**3", 8.0)]
    [TestCase("-2^2", -4.0)]
    [TestCase("2^-1", 0.5)]
    [TestCase("--3", 3.0)]
    [TestCase("10/4/5", 0.5)]
    [TestCase("8-3-2", 3.0)]
    [TestCase("2k*3", 6000.0)]
    [TestCase("1meg/1k", 1000.0)]
    [TestCase("1e-3*2", 2e-3)]
    [TestCase("a*rload", 2000.0)]
    [TestCase("A + W_1", 2.5)]
    [TestCase("sqrt(16)", 4.0)]
    [TestCase("exp(0)", 1.0)]
    [TestCase("log(exp(2))", 2.0)]
    [TestCase("ln(1)", 0.0)]
    [TestCase("log10(1000)", 3.0)]
    [TestCase("abs(-3)", 3.0)]
    [TestCase("sin(0)", 0.0)]
    [TestCase("cos(0)", 1.0)]
    [TestCase("tan(0)", 0.0)]
    [TestCase("atan(1)*4", Math.PI)]
    [TestCase("pow(2, 10)", 1024.0)]
    [TestCase("min(3, 1, 2)", 1.0)]
    [TestCase("max(3, a, 2)", 3.0)]
    [TestCase("pi", Math.PI)]
    [TestCase("2*pi()", 2 * Math.PI)]
    [TestCase("  1 +  2 ", 3.0)]
    [TestCase(".5*4", 2.0)]
    public void When_ExpressionEvaluated_Expect_Value(string expression, double expected) =>
        Assert.That(ExpressionEvaluator.Evaluate(expression, Parameters), Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))));

    [TestCase("1 +", 4, "unexpected end")]
    [TestCase("2*foo", 3, "unknown parameter 'foo'")]
    [TestCase("(1+2", 5, "missing ')'")]
    [TestCase("1/0", 2, "division by zero")]
    [TestCase("sqrt(-1)", 1, "NaN")]
    [TestCase("frob(1)", 1, "unknown function 'frob'")]
    [TestCase("pow(1)", 1, "takes 2")]
    [TestCase("1 2", 3, "unexpected '2'")]
    [TestCase("", 1, "empty expression")]
    [TestCase("3 # 4", 3, "unexpected '#'")]
    [TestCase("1.2.3", 1, "bad number")]
    public void When_ExpressionInvalid_Expect_NetlistExceptionAtColumn(string expression, int offset, string fragment)
    {
        var origin = new SourceLocation("deck.cir", 7, 10);

        var ex = Assert.Throws<NetlistException>(() => ExpressionEvaluator.Evaluate(expression, Parameters, origin))!;

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 7, 10 + offset - 1)));
        Assert.That(ex.Detail, Does.Contain(fragment));
    }

    [Test]
    public void When_ExpressionNestedTooDeep_Expect_NetlistExceptionNotStackOverflow()
    {
        var expression = new string('(', 100_000) + "1" + new string(')', 100_000);

        var ex = Assert.Throws<NetlistException>(() => ExpressionEvaluator.Evaluate(expression, Parameters))!;

        Assert.That(ex.Detail, Does.Contain("nested"));
    }

    [Test]
    public void When_LookupCallbackUsed_Expect_NamesResolvedThroughIt() =>
        Assert.That(ExpressionEvaluator.Evaluate("x*2", name => name == "x" ? 21.0 : null), Is.EqualTo(42.0));
}
