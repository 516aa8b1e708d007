namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Runs the trailing matrix products of one lane: on the calling thread with the lane's own
/// packing buffers, or, for the large products of the top of the tree, split by column blocks
/// over several threads (each with its own buffers). The split never changes the order of any
/// sum, so the result is the same bit for bit.
/// </summary>
internal sealed unsafe class SupernodalGemmRunner
{
    /// <summary>Multiply-adds below which a product is not split.</summary>
    private const double ParallelWork = 2e6;

    private readonly double*[] _packA;
    private readonly double*[] _packB;
    private readonly int _threads;
    private readonly Action<int> _part;
    private double* _a;
    private double* _b;
    private double* _c;
    private int _lda;
    private int _ldb;
    private int _ldc;
    private int _rows;
    private int _cols;
    private int _depth;
    private int _chunk;

    /// <summary>Allocates pinned packing buffers for the given number of threads.</summary>
    public SupernodalGemmRunner(int threads)
    {
        _threads = Math.Max(1, threads);
        _packA = new double*[_threads];
        _packB = new double*[_threads];
        for (int t = 0; t < _threads; t++)
        {
            _packA[t] = Pinned(SupernodalGemm.PackASize(SupernodalFrontKernel.PanelWidth));
            _packB[t] = Pinned(SupernodalGemm.PackBSize(SupernodalFrontKernel.PanelWidth));
        }

        _part = Part;
    }

    /// <summary>A pinned array's first element (the pinned object heap never moves it; the runner keeps it alive).</summary>
    private readonly List<double[]> _keep = [];

    private double* Pinned(int length)
    {
        double[] array = GC.AllocateArray<double>(length, pinned: true);
        _keep.Add(array);
        return (double*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref array[0]);
    }

    /// <summary>C −= A·B (row-major, see <see cref="SupernodalGemm.Subtract"/>), depth at most the panel width.</summary>
    public void Run(double* a, int lda, double* b, int ldb, double* c, int ldc, int rows, int cols, int depth)
    {
        if (_threads == 1 || (double)rows * cols * depth < ParallelWork || cols < 2 * SupernodalGemm.StripColumns)
        {
            SupernodalGemm.Subtract(a, lda, b, ldb, c, ldc, rows, cols, depth, _packA[0], _packB[0]);
            return;
        }

        _a = a;
        _b = b;
        _c = c;
        _lda = lda;
        _ldb = ldb;
        _ldc = ldc;
        _rows = rows;
        _cols = cols;
        _depth = depth;
        int strips = (cols + SupernodalGemm.StripColumns - 1) / SupernodalGemm.StripColumns;
        _chunk = ((strips + _threads - 1) / _threads) * SupernodalGemm.StripColumns;
        Parallel.For(0, _threads, _part);
    }

    private void Part(int worker)
    {
        int c0 = worker * _chunk;
        int width = Math.Min(_cols - c0, _chunk);
        if (width > 0)
        {
            SupernodalGemm.Subtract(_a, _lda, _b + c0, _ldb, _c + c0, _ldc, _rows, width, _depth, _packA[worker], _packB[worker]);
        }
    }
}
