using System.Text.Json;
using System.Text.Json.Serialization;
using ComplianceLayer.Domain.Scans;

namespace ComplianceLayer.Web.Features.Api;

// The wire shapes of /v1, snake_case as the API documentation shows them. Names are fixed here, not by a global
// naming policy, so the rest of the app's JSON is unaffected and the OpenAPI document shows the real names.

/// <summary>POST /v1/scan body.</summary>
public sealed record ScanSubmission(
    [property: JsonPropertyName("domain")] string? Domain,
    [property: JsonPropertyName("force")] bool? Force);

/// <summary>POST /v1/scan answer (202).</summary>
public sealed record ScanSubmitted(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("domain")] string Domain);

/// <summary>GET /v1/scan/jobs/{job_id}: the job status document.</summary>
public sealed record ScanJobStatus(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("report_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReportId,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonPropertyName("failure_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailureReason);

/// <summary>One domain of GET /v1/domains, with its last completed scan.</summary>
public sealed record ApiDomain(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("client")] string Client,
    [property: JsonPropertyName("added_at")] DateTimeOffset AddedAt,
    [property: JsonPropertyName("last_scanned_at")] DateTimeOffset? LastScannedAt,
    [property: JsonPropertyName("score")] int? Score,
    [property: JsonPropertyName("grade")] string? Grade,
    [property: JsonPropertyName("risk_level")] string? RiskLevel,
    [property: JsonPropertyName("report_id")] string? ReportId);

/// <summary>One scan of GET /v1/domains/{domain}/scans.</summary>
public sealed record ApiScan(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("queued_at")] DateTimeOffset QueuedAt,
    [property: JsonPropertyName("finished_at")] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("score")] int? Score,
    [property: JsonPropertyName("grade")] string? Grade,
    [property: JsonPropertyName("risk_level")] string? RiskLevel,
    [property: JsonPropertyName("report_id")] string? ReportId,
    [property: JsonPropertyName("failure_reason")] string? FailureReason);

/// <summary>A page of a list: <c>page</c> is 1-based.</summary>
public sealed record ApiPage<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total);

public static class ApiValues
{
    public static string Of(ScanStatus status) => status switch
    {
        ScanStatus.Queued => "queued",
        ScanStatus.Running => "running",
        ScanStatus.Completed => "completed",
        _ => "failed",
    };

    public static string Of(ScanTrigger trigger) => trigger switch
    {
        ScanTrigger.Manual => "manual",
        ScanTrigger.Schedule => "schedule",
        _ => "api",
    };

    /// <summary>
    /// The stored report as a JSON value (embedded, not a string), re-serialised so that its fields come in the API
    /// documentation's order rather than jsonb's storage order.
    /// </summary>
    public static JsonElement? Report(string? reportJson)
    {
        if (reportJson is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(ComplianceLayer.Web.Features.Scans.StoredReport.ToContractJson(reportJson));
        return document.RootElement.Clone();
    }
}
