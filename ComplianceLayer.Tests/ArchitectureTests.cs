using System.Reflection;

namespace ComplianceLayer.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Domain_ReferencesOnlyTheBaseLibrary()
    {
        var references = typeof(ComplianceLayer.Domain.DomainAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal),
            $"Domain must reference only the BCL, but references {name}"));
    }

    [Fact]
    public void Scanning_DoesNotReferenceWebEfOrAspNet()
    {
        var references = typeof(ComplianceLayer.Scanning.ScanningAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("ComplianceLayer.Web", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_DoesNotReferenceScanningOrWeb()
    {
        var references = typeof(ComplianceLayer.Domain.DomainAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(references, n => n.StartsWith("ComplianceLayer.", StringComparison.Ordinal));
    }
}
