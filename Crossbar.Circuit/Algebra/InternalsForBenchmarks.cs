using System.Runtime.CompilerServices;

// The benchmarks compare the orderings of the sparse LU (OrderingMethod) directly.
[assembly: InternalsVisibleTo("Crossbar.Benchmarks")]
