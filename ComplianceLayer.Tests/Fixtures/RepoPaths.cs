namespace ComplianceLayer.Tests.Fixtures;

public static class RepoPaths
{
    /// <summary>The checkout root: the folder holding ComplianceLayer.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Artifacts(string name)
    {
        var dir = Path.Combine(Root, "artifacts", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ComplianceLayer.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ComplianceLayer.sln not found above " + AppContext.BaseDirectory);
    }
}
