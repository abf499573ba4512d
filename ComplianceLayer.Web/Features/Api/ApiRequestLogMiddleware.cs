using System.Diagnostics;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>
/// Stores one <see cref="ApiRequestLog"/> row per /v1 request whose key was identified (also when that key was revoked,
/// expired, lacked a scope or was rate limited). Requests without a known key belong to no organization and are not stored.
/// Also keeps the UI's status-code pages away from API responses.
/// </summary>
public sealed class ApiRequestLogMiddleware(RequestDelegate next, ILogger<ApiRequestLogMiddleware> logger)
{
    public const string PathPrefix = "/v1";

    /// <summary>HttpContext.Items key under which an endpoint leaves the domain a request named.</summary>
    public const string DomainItem = "api.domain";

    public async Task InvokeAsync(HttpContext context, IDbContextFactory<AppDbContext> dbFactory, TenantContext tenant, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        var started = Stopwatch.GetTimestamp();
        var statusCode = 0;
        try
        {
            await next(context);
            statusCode = context.Response.StatusCode;
        }
        catch
        {
            statusCode = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            if (context.Features.Get<ApiCaller>() is { } caller)
            {
                await WriteAsync(context, caller, statusCode, Stopwatch.GetElapsedTime(started), dbFactory, tenant, time);
            }
        }
    }

    private async Task WriteAsync(HttpContext context, ApiCaller caller, int statusCode, TimeSpan elapsed,
        IDbContextFactory<AppDbContext> dbFactory, TenantContext tenant, TimeProvider time)
    {
        try
        {
            // A refused key did not set the tenant; the row still belongs to the key's organization.
            tenant.Set(caller.OrganizationId);
            var path = context.Request.Path.Value ?? PathPrefix;
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.ApiRequestLogs.Add(new ApiRequestLog
            {
                OccurredAt = time.GetUtcNow() - elapsed,
                ApiKeyId = caller.ApiKeyId,
                Method = context.Request.Method,
                Path = path.Length > ApiRequestLog.PathMaxLength ? path[..ApiRequestLog.PathMaxLength] : path,
                Domain = context.Items.TryGetValue(DomainItem, out var domain) ? domain as string : null,
                StatusCode = statusCode,
                ClientIp = context.Connection.RemoteIpAddress?.ToString(),
                DurationMs = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            // Losing a log row must not turn a served request into an error.
            logger.LogWarning(ex, "Could not store the API request log row for key {KeyPrefix}", caller.DisplayPrefix);
        }
    }
}
