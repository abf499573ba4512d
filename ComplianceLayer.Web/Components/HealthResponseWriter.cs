using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ComplianceLayer.Web.Components;

/// <summary>/healthz body: overall status and each check's status, no internals.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
