using System.Text;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Domains;

public sealed partial class DomainService
{
    /// <summary>The largest pasted list or uploaded CSV file accepted, in bytes (1 MiB).</summary>
    public const int MaxUploadBytes = 1024 * 1024;

    // A concurrent import of the same names can win the race between our check and our insert; then we re-read.
    private const int MaxAttempts = 3;

    /// <summary>
    /// Adds pasted domains, one per line, to one client. Valid lines are added even when others are rejected;
    /// the result has one entry per line, in order. All additions commit in one transaction.
    /// </summary>
    public async Task<BulkAddResult> BulkAddToClientAsync(Guid clientId, string text, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageDomains, cancellationToken);
        var lines = ParseList(text, withClientColumn: false);
        return await BulkAddAsync(member, lines, clientId, cancellationToken);
    }

    /// <summary>
    /// Imports CSV lines "client,domain". Clients are found by name, ignoring case, and created when missing.
    /// Valid lines are added even when others are rejected. All changes commit in one transaction.
    /// </summary>
    public async Task<BulkAddResult> ImportCsvAsync(string csv, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageDomains, cancellationToken);
        var lines = ParseList(csv, withClientColumn: true);
        return await BulkAddAsync(member, lines, null, cancellationToken);
    }

    /// <summary>Reads an uploaded file as UTF-8 text, refusing more than <see cref="MaxUploadBytes"/>.</summary>
    public static async Task<string> ReadUploadAsync(Stream upload, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxUploadBytes)
            {
                throw new ValidationFailedException(TooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }

    private static string TooLarge => $"The list is larger than {MaxUploadBytes / 1024 / 1024} MiB. Split it into smaller files.";

    private static IReadOnlyList<DomainListLine> ParseList(string? text, bool withClientColumn)
    {
        text ??= string.Empty;
        if (Encoding.UTF8.GetByteCount(text) > MaxUploadBytes)
        {
            throw new ValidationFailedException(TooLarge);
        }
        var nonBlank = text.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));
        if (nonBlank > DomainListParser.MaxLines)
        {
            throw new ValidationFailedException(
                $"The list has {nonBlank} lines; at most {DomainListParser.MaxLines} can be added at once. Split it into smaller lists.");
        }
        var lines = DomainListParser.Parse(text, withClientColumn);
        if (lines.Count == 0)
        {
            throw new ValidationFailedException(withClientColumn
                ? "The file has no domains. Each line should read: client,domain"
                : "Enter at least one domain, one per line.");
        }
        return lines;
    }

    private async Task<BulkAddResult> BulkAddAsync(
        MemberContext member, IReadOnlyList<DomainListLine> lines, Guid? targetClientId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await PlanGuard.LockUsageAsync(db, member.OrganizationId, cancellationToken);
            var result = await StageAsync(db, member, lines, targetClientId, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && attempt < MaxAttempts)
            {
                // Another import added some of these names meanwhile; nothing was committed, so start over.
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex))
            {
                throw new ValidationFailedException("Someone else is adding the same domains right now. Try again in a moment.");
            }
        }
    }

    /// <summary>Decides each line and stages the new clients, domains and one audit event; saving is the caller's.</summary>
    private async Task<BulkAddResult> StageAsync(
        AppDbContext db, MemberContext member, IReadOnlyList<DomainListLine> lines, Guid? targetClientId, CancellationToken cancellationToken)
    {
        var target = targetClientId is { } id ? await ClientService.FindAsync(db, id, cancellationToken) : null;
        // Lines past the plan's domain limit are rejected one by one, so the result says which ones did not fit.
        var (plan, capacity) = await planGuard.DomainAllowanceAsync(cancellationToken);

        var names = lines.Where(l => l.Name is not null).Select(l => l.Name!.Ascii).Distinct().ToList();
        var monitored = await (
            from d in db.Domains
            join c in db.Clients on d.ClientId equals c.Id
            where names.Contains(d.Name)
            select new { d.Name, ClientName = c.Name }).ToDictionaryAsync(x => x.Name, x => x.ClientName, cancellationToken);

        var clientsByName = new Dictionary<string, Client>(StringComparer.OrdinalIgnoreCase);
        if (target is null)
        {
            var wanted = lines.Select(l => l.ClientName?.Trim().ToLowerInvariant()).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
#pragma warning disable CA1304, CA1311 // EF Core translates string.ToLower() to SQL lower(): no .NET culture is involved.
            var existing = await db.Clients
                .Where(c => wanted.Contains(c.Name.ToLower()))
                .OrderBy(c => c.CreatedAt)
                .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
            foreach (var client in existing)
            {
                clientsByName.TryAdd(client.Name, client);
            }
        }

        var now = time.GetUtcNow();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var results = new List<BulkAddLine>(lines.Count);
        var clientsCreated = 0;
        foreach (var line in lines)
        {
            var clientName = line.ClientName?.Trim();
            BulkAddLine Reject(string reason) =>
                new(line.LineNumber, line.Raw, line.Name?.Ascii, clientName ?? target?.Name, BulkLineStatus.Rejected, reason);

            if (line.Name is not { } name)
            {
                results.Add(Reject(DescribeParseError(line.Error ?? "not a valid domain name", line.Suggestion)));
                continue;
            }
            if (monitored.TryGetValue(name.Ascii, out var owner))
            {
                results.Add(Reject($"already monitored (client {owner})"));
                continue;
            }
            if (firstLineOf.TryGetValue(name.Ascii, out var first))
            {
                results.Add(Reject($"duplicate of line {first}"));
                continue;
            }
            if (capacity is <= 0)
            {
                results.Add(Reject($"over the {plan.Plan.Name} plan's limit of {plan.Plan.Limits.MonitoredDomains} monitored domains (upgrade under Settings → Billing)"));
                continue;
            }
            var client = target;
            if (client is null)
            {
                if (string.IsNullOrEmpty(clientName))
                {
                    results.Add(Reject("no client name: each line should read client,domain"));
                    continue;
                }
                if (clientName.Length > Client.NameMaxLength)
                {
                    results.Add(Reject($"client name longer than {Client.NameMaxLength} characters"));
                    continue;
                }
                if (!clientsByName.TryGetValue(clientName, out client))
                {
                    if (!member.Can(Capability.ManageClients))
                    {
                        results.Add(Reject($"client {clientName} does not exist, and your role may not create clients"));
                        continue;
                    }
                    client = new Client { Name = clientName, CreatedAt = now, UpdatedAt = now };
                    db.Clients.Add(client);
                    clientsByName.Add(clientName, client);
                    clientsCreated++;
                }
            }
            db.Domains.Add(new MonitoredDomain { ClientId = client.Id, Name = name.Ascii, DisplayName = name.Unicode, CreatedAt = now });
            firstLineOf.Add(name.Ascii, line.LineNumber);
            capacity--;
            results.Add(new BulkAddLine(line.LineNumber, line.Raw, name.Ascii, client.Name, BulkLineStatus.Added, null));
        }

        var result = new BulkAddResult(results, clientsCreated);
        var where = target is null ? "from a CSV file" : $"to client {target.Name}";
        var created = clientsCreated > 0 ? $", {clientsCreated} new clients" : string.Empty;
        audit.Record(db, member, "domain.bulk_added", target is null ? "organization" : "client", target?.Id.ToString(),
            $"Bulk-added {result.Added} domains {where} ({result.Rejected} lines rejected{created}).");
        return result;
    }
}
