using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistLexerTests
{
    [Test]
    public void When_AnyCharacter_Expect_WordEndsExactlyAtWhiteSpaceAndDelimiters()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            char ch = (char)c;
            bool expected = char.IsWhiteSpace(ch) || ",(){}='\";".Contains(ch, StringComparison.Ordinal);
            Assert.That(NetlistLexer.WordEnds.Contains(ch), Is.EqualTo(expected), $"U+{c:X4}");
        }
    }
}
