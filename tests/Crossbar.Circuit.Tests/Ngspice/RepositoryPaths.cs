namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>Locates the repository (the folder holding CrossbarSim.sln) and its example decks.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root, found by walking up from the test assembly's folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds CrossbarSim.sln.</exception>
    public static string Root
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrossbarSim.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"no CrossbarSim.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>All <c>netlists/*.cir</c> decks, sorted by name.</summary>
    public static IReadOnlyList<string> Decks()
    {
        string folder = Path.Combine(Root, "netlists");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        string[] files = Directory.GetFiles(folder, "*.cir");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
