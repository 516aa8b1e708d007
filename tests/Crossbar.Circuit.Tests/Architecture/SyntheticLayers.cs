namespace Crossbar.Circuit.Tests.Architecture.Synthetic.Lower
{
    /// <summary>A type whose only reference to the upper namespace is inside a lambda in a method body.</summary>
    internal static class Worker
    {
        public static int Count(IEnumerable<int> values) => values.Count(v => Upper.Probe.IsLarge(v));
    }
}

namespace Crossbar.Circuit.Tests.Architecture.Synthetic.Upper
{
    /// <summary>A type whose only reference to the lower namespace is inside an iterator (a state machine).</summary>
    internal static class Probe
    {
        public static bool IsLarge(int value) => value > 10;

        public static IEnumerable<int> Counts()
        {
            yield return Lower.Worker.Count([1, 20]);
        }
    }
}
