using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>The directory of background export files (<see cref="ExportOptions.Directory"/>).</summary>
public sealed class ExportFiles(IOptions<ExportOptions> options, IHostEnvironment environment)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Directory));

    public static string FileNameFor(Guid organizationId, Guid exportId, string extension) => $"{organizationId:N}-{exportId:N}.{extension}";

    public string PathOf(string fileName) => Path.Combine(Root, Path.GetFileName(fileName));

    public void Delete(string? fileName)
    {
        if (fileName is not null)
        {
            File.Delete(PathOf(fileName));
        }
    }
}
