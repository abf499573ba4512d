using System.Globalization;
using System.Security.Claims;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Cookie-authenticated downloads: scan history (direct or a finished background export) and "download my data".</summary>
public static class ScanExportEndpoints
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>Relative to the app base, for links in pages.</summary>
    public static string DownloadPath(string token) => $"exports/files/{token}";

    public const string MyDataPath = "exports/my-data.zip";

    public static string DirectPath(ScanExportFilter filter, ExportFormat format)
    {
        var query = new List<string> { $"scope={filter.Scope.ToString().ToLowerInvariant()}" };
        if (filter.ScopeId is { } id)
        {
            query.Add($"id={id}");
        }
        if (filter.From is { } from)
        {
            query.Add($"from={from:yyyy-MM-dd}");
        }
        if (filter.To is { } to)
        {
            query.Add($"to={to:yyyy-MM-dd}");
        }
        return $"exports/scans.{Extension(format)}?{string.Join('&', query)}";
    }

    public static IEndpointRouteBuilder MapPrivacyExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/exports").RequireAuthorization(Policies.ExportData);
        exports.MapGet("/scans.csv", (string? scope, Guid? id, DateOnly? from, DateOnly? to, ScanExports service, TimeProvider time, CancellationToken ct) =>
            DirectAsync(ExportFormat.Csv, new RawFilter(scope, id, from, to), service, time, ct));
        exports.MapGet("/scans.json", (string? scope, Guid? id, DateOnly? from, DateOnly? to, ScanExports service, TimeProvider time, CancellationToken ct) =>
            DirectAsync(ExportFormat.Json, new RawFilter(scope, id, from, to), service, time, ct));
        exports.MapGet("/files/{token}", DownloadAsync);
        app.MapGet("/" + MyDataPath, MyDataAsync).RequireAuthorization();
        return app;
    }

    private sealed record RawFilter(string? Scope, Guid? Id, DateOnly? From, DateOnly? To);

    private static async Task<Results<PushStreamHttpResult, NotFound, ProblemHttpResult>> DirectAsync(ExportFormat format,
        RawFilter raw, ScanExports service, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ExportScope>(raw.Scope ?? nameof(ExportScope.Organization), ignoreCase: true, out var exportScope)
            || !Enum.IsDefined(exportScope))
        {
            return TypedResults.Problem("scope must be organization, client or domain.", statusCode: StatusCodes.Status400BadRequest);
        }
        ScanExportPlan? plan;
        try
        {
            plan = await service.PlanAsync(new ScanExportFilter(exportScope, raw.Id, raw.From, raw.To), cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        if (plan is null)
        {
            return TypedResults.NotFound();
        }
        if (!plan.Direct)
        {
            return TypedResults.Problem(
                $"This export holds {plan.Scans} scans, more than can be downloaded directly. Request a background export instead.",
                statusCode: StatusCodes.Status409Conflict);
        }
        var fileName = string.Create(CultureInfo.InvariantCulture, $"scan-history-{time.GetUtcNow():yyyyMMdd-HHmmss}.{Extension(format)}");
        return TypedResults.Stream(
            stream => service.WriteDirectAsync(plan, format, stream, cancellationToken),
            format == ExportFormat.Csv ? CsvContentType : "application/json", fileName);
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound, ProblemHttpResult>> DownloadAsync(
        string token, ScanExports service, ExportFiles files, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await service.FindForDownloadAsync(token, cancellationToken);
        if (request is null || request.Status is not (ExportStatus.Completed or ExportStatus.Expired))
        {
            return TypedResults.NotFound();
        }
        if (request.IsExpired(time.GetUtcNow()) || !File.Exists(files.PathOf(request.FileName!)))
        {
            return TypedResults.Problem("This export link has expired. Request the export again.", statusCode: StatusCodes.Status410Gone);
        }
        return TypedResults.PhysicalFile(files.PathOf(request.FileName!),
            request.Format == ExportFormat.Csv ? CsvContentType : "application/json",
            $"scan-history-{request.CreatedAt:yyyyMMdd-HHmmss}.{request.FileExtension}");
    }

    private static PushStreamHttpResult MyDataAsync(ClaimsPrincipal user, MyDataExport export, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException("Sign in to download your data.");
        return TypedResults.Stream(async stream =>
        {
            // ZipArchive still writes some headers synchronously, which Kestrel refuses: stage the ZIP in a temporary file
            // (rows still stream from the database to disk, never all in memory), then copy it to the response asynchronously.
            await using var staging = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await export.WriteAsync(userId, staging, cancellationToken);
            staging.Position = 0;
            await staging.CopyToAsync(stream, cancellationToken);
        }, "application/zip", string.Create(CultureInfo.InvariantCulture, $"compliancelayer-my-data-{time.GetUtcNow():yyyyMMdd}.zip"));
    }

    private static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "json";
}
