using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Scan history exports: where background exports are written and how long their links live.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>
    /// Directory for background export files (relative paths are under the app's content root). Several nodes must share
    /// it (a network volume), since any node may run the job and any node may serve the download.
    /// </summary>
    [Required]
    public string Directory { get; set; } = "data/exports";

    /// <summary>How long a finished export can be downloaded; the file is deleted after that.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Exports of at most this many scans stream straight to the browser; larger ones run as a background job.</summary>
    [Range(0, 1_000_000)]
    public int DirectDownloadMaxScans { get; set; } = 5000;
}
