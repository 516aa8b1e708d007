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
    [TestCase("2^3^2", 64.0)] // ngspice 39.3 .param p={2^3^2} and B V=v(x)^3^2 at v(x)=2: 64 (left associative)
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

    // Expected values measured in ngspice 39.3, from `.param p = {expr}` printed through a V source, or from
    // B sources (B1 a 0 V=f(v(x)) in a .dc sweep of v(x)) where .param lacks the function or disagrees; the
    // printed values carry 7 significant digits, hence the 1e-6 tolerance.
    [TestCase("int(2.7)", 2.0)]
    [TestCase("int(-2.7)", -2.0)]
    [TestCase("int(-0.5)", 0.0)]
    [TestCase("nint(2.5)", 2.0)]
    [TestCase("nint(-2.5)", -2.0)]
    [TestCase("nint(1.5)", 2.0)]
    [TestCase("nint(3.5)", 4.0)]
    [TestCase("nint(-3.5)", -4.0)]
    [TestCase("nint(-0.5)", 0.0)]
    [TestCase("floor(-2.5)", -3.0)]
    [TestCase("floor(2.9)", 2.0)]
    [TestCase("ceil(-2.5)", -2.0)]
    [TestCase("ceil(2.1)", 3.0)]
    [TestCase("sgn(-3)", -1.0)]
    [TestCase("sgn(0)", 0.0)]
    [TestCase("u(0)", 0.5)] // B source: u(v(x)) at v(x)=0 is 0.5
    [TestCase("u(-1)", 0.0)]
    [TestCase("u(2)", 1.0)]
    [TestCase("uramp(-2)", 0.0)]
    [TestCase("uramp(2)", 2.0)]
    [TestCase("pow(-3,3)", 27.0)] // B source pow(v(x),3) at -3: 27 (ngspice .param pow(-2,3) gives -8: see docs/expressions.md)
    [TestCase("pwr(-3,3)", -27.0)] // B source pwr(v(x),3) at -3
    [TestCase("(-3)^3", 27.0)]
    [TestCase("(-2)**3", 8.0)]
    [TestCase("(-2)^2.5", 5.656854)]
    [TestCase("pwr(-2,2.5)", -5.656854)] // B source pwr(v(x),2.5) at -2
    [TestCase("pow(2,0.5)", 1.414214)]
    [TestCase("-2^2", -4.0)]
    [TestCase("-2**2", -4.0)]
    [TestCase("2^-1", 0.5)]
    [TestCase("2>1 ? 3 : 4", 3.0)]
    [TestCase("1?2:3?4:5", 2.0)]
    [TestCase("0 ? 2 : 0 ? 4 : 5", 5.0)]
    [TestCase("0.5 ? 1 : 2", 1.0)]
    [TestCase("(2==2)+(2!=2)+(1<=1)", 2.0)]
    [TestCase("2 <= 2", 1.0)]
    [TestCase("3 >= 4", 0.0)]
    [TestCase("5 > 4", 1.0)]
    [TestCase("5 < 4", 0.0)]
    [TestCase("3 > 2 > 1", 0.0)]
    [TestCase("1+1==2", 1.0)]
    [TestCase("2==2<3", 0.0)] // B source precedence (< binds tighter than ==); ngspice .param gives 1
    [TestCase("0||1&&0", 0.0)]
    [TestCase("1 && 0", 0.0)]
    [TestCase("2 && 3", 1.0)]
    [TestCase("1 || 0", 1.0)]
    [TestCase("-1 || 0", 1.0)]
    [TestCase("!1", 0.0)]
    [TestCase("!0", 1.0)]
    [TestCase("!2", 0.0)]
    [TestCase("acos(0.5)", 1.047198)]
    [TestCase("asin(0.5)", 0.5235988)]
    [TestCase("atan(-1)", -0.7853982)]
    [TestCase("exp(1)", 2.718282)]
    [TestCase("sinh(1)", 1.175201)]
    [TestCase("cosh(1)", 1.543081)]
    [TestCase("tanh(1)", 0.7615942)]
    [TestCase("tan(1)", 1.557408)]
    [TestCase("sin(1)", 0.8414710)]
    [TestCase("cos(1)", 0.5403023)]
    [TestCase("log10(50)", 1.698970)]
    [TestCase("ln(50)", 3.912023)]
    [TestCase("log(100)", 4.605170)]
    [TestCase("sqrt(2)", 1.414214)]
    [TestCase("abs(-0.5)", 0.5)]
    [TestCase("max(1,2)", 2.0)]
    [TestCase("min(3,1)", 1.0)]
    public void When_FunctionOrOperatorEvaluated_Expect_NgspiceValue(string expression, double expected) =>
        Assert.That(ExpressionEvaluator.Evaluate(expression, Parameters), Is.EqualTo(expected).Within(1e-6 * Math.Max(1, Math.Abs(expected))));

    // limit() has no ngspice reference: ngspice 39.3 B sources give 0 for every limit(v(x),-1,1) and .param gives
    // limit(5,0,1) = 6; these follow the ngspice manual's definition, min(max(x, lo), hi).
    [TestCase("limit(5, 0, 1)", 1.0)]
    [TestCase("limit(-5, 0, 1)", 0.0)]
    [TestCase("limit(0.25, 0, 1)", 0.25)]
    public void When_LimitEvaluated_Expect_Clamped(string expression, double expected) =>
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
    [TestCase("1 ? 2", 6, "expected ':'")]
    [TestCase("1 = 2", 3, "unexpected '='")]
    [TestCase("1 & 2", 3, "unexpected '&'")]
    [TestCase("limit(1, 2)", 1, "limit() takes 3 argument(s), got 2")]
    [TestCase("min(1)", 1, "min() takes at least 2 argument(s), got 1")]
    [TestCase("2*ln(0-1)", 3, "ln() gives NaN in expression '2*ln(0-1)'")]
    [TestCase("asin(2)", 1, "asin() gives NaN")]
    [TestCase("0^-1", 2, "power gives infinity")]
    [TestCase("v(a)+1", 1, "node voltages and branch currents are known only to B sources")]
    [TestCase("x>0 ? 1 : 2", 1, "unknown parameter 'x' in expression 'x>0 ? 1 : 2': expected a .param name, pi or a number")]
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
    public void When_ConditionalSkipsABranch_Expect_ItsDomainErrorIgnored() =>
        Assert.That(ExpressionEvaluator.Evaluate("a < 0 ? sqrt(a) : 2*a", Parameters), Is.EqualTo(4.0));

    [Test]
    public void When_LookupCallbackUsed_Expect_NamesResolvedThroughIt() =>
        Assert.That(ExpressionEvaluator.Evaluate("x*2", name => name == "x" ? 21.0 : null), Is.EqualTo(42.0));
}
