using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class SpiceNumberTests
{
    [TestCase("1", 1.0)]
    [TestCase("-2.5", -2.5)]
    [TestCase("+.5", 0.5)]
    [TestCase("1.", 1.0)]
    [TestCase("1e3", 1e3)]
    [TestCase("1E-3", 1e-3)]
    [TestCase("2.2e+2", 220.0)]
    [TestCase("1f", 1e-15)]
    [TestCase("1p", 1e-12)]
    [TestCase("1n", 1e-9)]
    [TestCase("1u", 1e-6)]
    [TestCase("1m", 1e-3)]
    [TestCase("1k", 1e3)]
    [TestCase("1meg", 1e6)]
    [TestCase("1MEG", 1e6)]
    [TestCase("1Meg", 1e6)]
    [TestCase("1g", 1e9)]
    [TestCase("1t", 1e12)]
    [TestCase("1mil", 25.4e-6)]
    [TestCase("2K", 2e3)]
    [TestCase("10kOhm", 1e4)]
    [TestCase("1uF", 1e-6)]
    [TestCase("5V", 5.0)]
    [TestCase("1e-3s", 1e-3)]
    [TestCase("3A", 3.0)]
    [TestCase("110u", 110e-6)]
    [TestCase("100n", 100e-9)]
    [TestCase("4.7MegOhm", 4.7e6)]
    [TestCase("1M", 1e-3)]
    [TestCase("1e", 1.0)]
    public void When_SpiceNumberParsed_Expect_SiValue(string text, double expected)
    {
        Assert.That(SpiceNumber.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected).Within(1e-15 * Math.Abs(expected)));
        Assert.That(SpiceNumber.Parse(text), Is.EqualTo(value));
    }

    [TestCase("")]
    [TestCase("k")]
    [TestCase("abc")]
    [TestCase("1.2.3")]
    [TestCase("1k2")]
    [TestCase("--1")]
    [TestCase(".")]
    [TestCase("1e999")]
    [TestCase("NaN")]
    [TestCase("1,5")]
    [TestCase("e5")]
    public void When_TextIsNotANumber_Expect_TryParseFalseAndParseThrows(string text)
    {
        Assert.That(SpiceNumber.TryParse(text, out _), Is.False);
        Assert.That(() => SpiceNumber.Parse(text), Throws.TypeOf<FormatException>());
    }

    [TestCase("110u", "0.00011")]
    [TestCase("100n", "1e-07")]
    [TestCase("2.2k", "2200")]
    public void When_SuffixedValueFormatted_Expect_ShortestDecimal(string text, string expected) =>
        Assert.That(SpiceNumber.Format(SpiceNumber.Parse(text)), Is.EqualTo(expected));

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(-2.2e-6)]
    [TestCase(1.0 / 3.0)]
    [TestCase(6.02214076e23)]
    [TestCase(4.9e-324)]
    [TestCase(double.MaxValue)]
    public void When_NumberFormattedAndParsed_Expect_ExactRoundTripWithoutComma(double value)
    {
        var text = SpiceNumber.Format(value);

        Assert.That(text, Does.Not.Contain(","));
        Assert.That(SpiceNumber.Parse(text), Is.EqualTo(value));
    }

    [Test]
    public void When_CurrentCultureUsesDecimalComma_Expect_FormatStillUsesPoint()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.That(SpiceNumber.Format(2.2e-6), Is.EqualTo("2.2e-06"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void When_NonFiniteFormatted_Expect_ArgumentOutOfRange() =>
        Assert.That(() => SpiceNumber.Format(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
}
