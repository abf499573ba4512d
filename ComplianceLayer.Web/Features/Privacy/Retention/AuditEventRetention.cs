using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>
/// Deletes audit events older than <see cref="RetentionOptions.AuditEventRetention"/> and records, in each organization
/// that lost events, a new event with the count — in one statement.
/// </summary>
public sealed class AuditEventRetention(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time, ILogger<AuditEventRetention> logger)
{
    private static readonly AgedRows Rows = new("audit_events", "retention.audit_events_deleted", "audit_event");

    public async Task<IReadOnlyList<RetentionCount>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = options.Value.AuditEventRetention;
        var cutoff = now - window;
        var summary = $" audit events older than {cutoff:yyyy-MM-dd} (kept {window.TotalDays:0} days).";
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var counts = await AgedRowsDeletion.RunAsync(db, Rows, cutoff, now, summary, cancellationToken);
        if (counts.Count > 0)
        {
            logger.LogInformation("Retention: deleted {Rows} audit events older than {Cutoff:yyyy-MM-dd} in {Organizations} organizations",
                counts.Sum(c => c.Rows), cutoff, counts.Count);
        }
        return counts;
    }
}
