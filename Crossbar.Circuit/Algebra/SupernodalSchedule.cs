namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Which thread factors which supernode, and where each contribution block lives: independent
/// subtrees of the assembly tree go to worker lanes (one contribution stack each); the supernodes
/// above them (the top of the tree, with the largest fronts) go to the top lane, whose big
/// matrix products are split over the threads instead.
/// </summary>
/// <remarks>
/// The split is a simple form of proportional mapping (A. Pothen, C. Sun, "A mapping algorithm
/// for parallel sparse Cholesky factorization", SIAM J. Sci. Comput. 14(5), 1993): starting from
/// the roots, the heaviest subtree (by front flops) is repeatedly replaced by its children, the
/// subtrees are packed onto the threads largest first, and the split with the smallest predicted
/// time (largest lane plus the top part at reduced parallel efficiency) is kept. Inside a lane
/// supernodes are processed in postorder, so a supernode's children in the same lane are the
/// newest blocks on that lane's stack; children in a worker lane stay on that lane's stack
/// until the factorisation ends.
/// </remarks>
internal sealed class SupernodalSchedule
{
    private const int MaxExpansions = 256;
    private const double TopEfficiency = 0.8;

    /// <summary>Below this many flops per factorisation everything runs on the calling thread.</summary>
    private const double MinimumParallelFlops = 1e7;

    /// <summary>Builds the schedule for a given number of threads.</summary>
    public SupernodalSchedule(SupernodalAnalysis analysis, int threads)
    {
        int count = analysis.Count;
        Threads = analysis.Flops < MinimumParallelFlops ? 1 : Math.Max(1, threads);
        TopLane = Threads > 1 ? Threads : 0;
        Lane = new int[count];
        Array.Fill(Lane, TopLane);
        if (Threads > 1)
        {
            AssignSubtrees(analysis);
        }

        int lanes = TopLane + 1;
        var nodes = new List<int>[lanes];
        for (int t = 0; t < lanes; t++)
        {
            nodes[t] = [];
        }

        for (int s = 0; s < count; s++)
        {
            nodes[Lane[s]].Add(s);
        }

        LaneNodes = nodes.Select(l => l.ToArray()).ToArray();
        StackOffset = new long[count];
        StackSize = new long[lanes];
        FrontSize = new long[lanes];
        long[] top = new long[lanes];
        for (int s = 0; s < count; s++)
        {
            int lane = Lane[s];
            for (int c = analysis.ChildStart[s]; c < analysis.ChildStart[s + 1]; c++)
            {
                int child = analysis.Children[c];
                if (Lane[child] == lane)
                {
                    long r = analysis.Rows(child);
                    top[lane] -= r * r;
                }
            }

            long rows = analysis.Rows(s);
            long m = analysis.Columns(s) + rows;
            StackOffset[s] = top[lane];
            top[lane] += rows * rows;
            StackSize[lane] = Math.Max(StackSize[lane], top[lane]);
            FrontSize[lane] = Math.Max(FrontSize[lane], m * m);
        }
    }

    /// <summary>Threads the schedule was made for.</summary>
    public int Threads { get; }

    /// <summary>Index of the top lane (equal to <see cref="Threads"/>, or 0 when sequential).</summary>
    public int TopLane { get; }

    /// <summary>Lane of each supernode.</summary>
    public int[] Lane { get; }

    /// <summary>Supernodes of each lane in processing (post)order.</summary>
    public int[][] LaneNodes { get; }

    /// <summary>Offset of each supernode's contribution block on its lane's stack.</summary>
    public long[] StackOffset { get; }

    /// <summary>Peak stack length of each lane.</summary>
    public long[] StackSize { get; }

    /// <summary>Largest front (m²) of each lane.</summary>
    public long[] FrontSize { get; }

    /// <summary>Whether any supernode is given to a worker lane.</summary>
    public bool HasWorkers => LaneNodes.Take(TopLane).Any(l => l.Length > 0);

    private void AssignSubtrees(SupernodalAnalysis analysis)
    {
        int count = analysis.Count;
        double[] subtree = new double[count];
        int[] size = new int[count];
        for (int s = 0; s < count; s++)
        {
            subtree[s] += analysis.FrontFlops[s];
            size[s]++;
            int p = analysis.Parent[s];
            if (p >= 0)
            {
                subtree[p] += subtree[s];
                size[p] += size[s];
            }
        }

        var candidates = Enumerable.Range(0, count).Where(s => analysis.Parent[s] < 0).ToList();
        double topFlops = 0;
        double bestCost = double.PositiveInfinity;
        int bestStep = -1;
        var expanded = new List<int>();
        for (int step = 0; step <= MaxExpansions; step++)
        {
            double cost = Makespan(candidates, subtree, Threads, out _) + (topFlops / (Threads * TopEfficiency));
            if (cost < bestCost)
            {
                bestCost = cost;
                bestStep = step;
            }

            int heaviest = -1;
            foreach (int c in candidates)
            {
                if (analysis.ChildStart[c + 1] > analysis.ChildStart[c] && (heaviest < 0 || subtree[c] > subtree[heaviest]))
                {
                    heaviest = c;
                }
            }

            if (heaviest < 0)
            {
                break;
            }

            candidates.Remove(heaviest);
            topFlops += analysis.FrontFlops[heaviest];
            expanded.Add(heaviest);
            for (int c = analysis.ChildStart[heaviest]; c < analysis.ChildStart[heaviest + 1]; c++)
            {
                candidates.Add(analysis.Children[c]);
            }
        }

        candidates = Enumerable.Range(0, count).Where(s => analysis.Parent[s] < 0).ToList();
        for (int step = 0; step < bestStep; step++)
        {
            int e = expanded[step];
            candidates.Remove(e);
            for (int c = analysis.ChildStart[e]; c < analysis.ChildStart[e + 1]; c++)
            {
                candidates.Add(analysis.Children[c]);
            }
        }

        if (candidates.Count < 2)
        {
            return;
        }

        Makespan(candidates, subtree, Threads, out int[] bin);
        for (int t = 0; t < candidates.Count; t++)
        {
            int root = candidates[t];
            for (int s = root - size[root] + 1; s <= root; s++)
            {
                Lane[s] = bin[t];
            }
        }
    }

    /// <summary>Largest-first packing of subtrees onto threads; returns the heaviest load.</summary>
    private static double Makespan(List<int> roots, double[] subtree, int threads, out int[] bin)
    {
        int c = roots.Count;
        double[] key = new double[c];
        int[] index = new int[c];
        for (int t = 0; t < c; t++)
        {
            key[t] = -subtree[roots[t]];
            index[t] = t;
        }

        Array.Sort(key, index);
        double[] load = new double[threads];
        bin = new int[c];
        foreach (int t in index)
        {
            int least = 0;
            for (int b = 1; b < threads; b++)
            {
                if (load[b] < load[least])
                {
                    least = b;
                }
            }

            bin[t] = least;
            load[least] += subtree[roots[t]];
        }

        return load.Max();
    }
}
