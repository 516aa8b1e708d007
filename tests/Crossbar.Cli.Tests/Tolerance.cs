namespace Crossbar.Cli.Tests;

/// <summary>The one tolerance rule of the test suite: |a − e| ≤ rel·max(|a|,|e|) + abs.</summary>
public static class Tolerance
{
    public static bool Within(double actual, double expected, double rel, double abs)
        => Math.Abs(actual - expected) <= (rel * Math.Max(Math.Abs(actual), Math.Abs(expected))) + abs;

    public static void AssertClose(double actual, double expected, double rel, double abs, string what)
        => Assert.That(Within(actual, expected, rel, abs), Is.True,
            $"{what}: expected {expected:G12}, got {actual:G12} (rel {rel:G3}, abs {abs:G3})");
}
