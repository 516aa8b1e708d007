using System.Numerics;
using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>Magnitude |v| of the scalar types the solvers factor (double and Complex).</summary>
internal static class Magnitude
{
    /// <summary>|v| as a double; the type test folds away when the JIT specialises T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of<T>(T v)
        where T : struct, INumberBase<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Math.Abs(Unsafe.As<T, double>(ref v));
        }

        if (typeof(T) == typeof(Complex))
        {
            return Complex.Abs(Unsafe.As<T, Complex>(ref v));
        }

        return double.CreateChecked(T.Abs(v));
    }
}
