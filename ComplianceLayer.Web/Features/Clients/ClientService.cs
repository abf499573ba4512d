using System.Net.Mail;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Clients;

/// <summary>
/// Lists, creates, edits and deletes an organization's clients. Every operation authorises the member first,
/// which also sets the tenant, so the query filters confine it to the member's organization.
/// </summary>
public sealed class ClientService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    TimeProvider time)
{
    public const int ContactEmailMaxLength = 256;

    public async Task<PagedResult<ClientSummary>> ListAsync(ClientListQuery query, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var clients = db.Clients.AsNoTracking();
        if (Paging.ContainsPattern(query.Search) is { } pattern)
        {
            clients = clients.Where(c => EF.Functions.ILike(c.Name, pattern, @"\"));
        }
        var total = await clients.CountAsync(cancellationToken);
#pragma warning disable CA1304, CA1311 // EF Core translates string.ToLower() to SQL lower(): no .NET culture is involved.
        // Ordered by lower(name) so that "acme" and "Acme" sort together whatever the database collation.
        clients = (query.SortBy, query.Descending) switch
        {
            (ClientSortField.DomainCount, false) => clients.OrderBy(c => db.Domains.Count(d => d.ClientId == c.Id)).ThenBy(c => c.Name.ToLower()),
            (ClientSortField.DomainCount, true) => clients.OrderByDescending(c => db.Domains.Count(d => d.ClientId == c.Id)).ThenBy(c => c.Name.ToLower()),
            (ClientSortField.CreatedAt, false) => clients.OrderBy(c => c.CreatedAt),
            (ClientSortField.CreatedAt, true) => clients.OrderByDescending(c => c.CreatedAt),
            (_, false) => clients.OrderBy(c => c.Name.ToLower()).ThenBy(c => c.Id),
            (_, true) => clients.OrderByDescending(c => c.Name.ToLower()).ThenBy(c => c.Id),
        };
#pragma warning restore CA1304, CA1311
        var rows = clients.Select(c => new ClientSummary(
            c.Id, c.Name, c.ContactEmail, db.Domains.Count(d => d.ClientId == c.Id), c.CreatedAt));
        var items = await rows
            .Skip(Paging.Skip(query.Page, query.PageSize))
            .Take(Paging.Take(query.PageSize))
            .ToListAsync(cancellationToken);
        return new PagedResult<ClientSummary>(items, total);
    }

    /// <summary>All clients by name, for pickers. Organizations have hundreds of clients at most.</summary>
    public async Task<IReadOnlyList<ClientOption>> ListOptionsAsync(CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new ClientOption(c.Id, c.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The client, or null when it does not exist in the member's organization.</summary>
    public async Task<ClientDetails?> GetAsync(Guid clientId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.AsNoTracking()
            .Where(c => c.Id == clientId)
            .Select(c => new ClientDetails(
                c.Id, c.Name, c.ContactEmail, c.Notes, db.Domains.Count(d => d.ClientId == c.Id), c.CreatedAt, c.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<ClientDetails> CreateAsync(ClientInput input, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageClients, cancellationToken);
        var valid = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureNameIsFreeAsync(db, valid.Name, null, cancellationToken);

        var now = time.GetUtcNow();
        var client = new Client
        {
            Name = valid.Name,
            ContactEmail = valid.ContactEmail,
            Notes = valid.Notes,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Clients.Add(client);
        audit.Record(db, member, "client.created", "client", client.Id.ToString(), $"Created client {client.Name}.");
        await db.SaveChangesAsync(cancellationToken);
        return new ClientDetails(client.Id, client.Name, client.ContactEmail, client.Notes, 0, now, now);
    }

    public async Task<ClientDetails> UpdateAsync(Guid clientId, ClientInput input, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageClients, cancellationToken);
        var valid = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await FindAsync(db, clientId, cancellationToken);
        await EnsureNameIsFreeAsync(db, valid.Name, clientId, cancellationToken);

        var changes = new List<string>();
        if (client.Name != valid.Name)
        {
            changes.Add($"renamed from {client.Name}");
        }
        if (client.ContactEmail != valid.ContactEmail)
        {
            changes.Add("contact e-mail changed");
        }
        if (client.Notes != valid.Notes)
        {
            changes.Add("notes changed");
        }
        client.Name = valid.Name;
        client.ContactEmail = valid.ContactEmail;
        client.Notes = valid.Notes;
        if (changes.Count > 0)
        {
            client.UpdatedAt = time.GetUtcNow();
            audit.Record(db, member, "client.updated", "client", client.Id.ToString(),
                $"Updated client {client.Name}: {string.Join(", ", changes)}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        var domainCount = await db.Domains.CountAsync(d => d.ClientId == clientId, cancellationToken);
        return new ClientDetails(client.Id, client.Name, client.ContactEmail, client.Notes, domainCount, client.CreatedAt, client.UpdatedAt);
    }

    /// <summary>What <see cref="DeleteAsync"/> would remove, for the confirmation dialog.</summary>
    public async Task<ClientDeletion> GetDeletionAsync(Guid clientId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageClients, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await FindAsync(db, clientId, cancellationToken);
        return await CountDeletionAsync(db, client, cancellationToken);
    }

    /// <summary>Deletes the client; the database cascades to its domains and their scans. Returns what went.</summary>
    public async Task<ClientDeletion> DeleteAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageClients, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var client = await FindAsync(db, clientId, cancellationToken);
        var deletion = await CountDeletionAsync(db, client, cancellationToken);
        db.Clients.Remove(client);
        audit.Record(db, member, "client.deleted", "client", client.Id.ToString(),
            $"Deleted client {client.Name} with {deletion.DomainCount} domains and {deletion.ScanCount} scans.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deletion;
    }

    /// <summary>Trims and checks the form; throws <see cref="ValidationFailedException"/> with the first problem.</summary>
    public static ValidClientInput Validate(ClientInput input)
    {
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            throw new ValidationFailedException("Enter the client's name.");
        }
        if (name.Length > Client.NameMaxLength)
        {
            throw new ValidationFailedException($"The client's name is too long ({name.Length} characters; at most {Client.NameMaxLength}).");
        }
        var email = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        if (email is not null && !IsEmailAddress(email))
        {
            throw new ValidationFailedException($"\"{email}\" is not a valid e-mail address.");
        }
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is not null && notes.Length > Client.NotesMaxLength)
        {
            throw new ValidationFailedException($"The notes are too long ({notes.Length} characters; at most {Client.NotesMaxLength}).");
        }
        return new ValidClientInput(name, email, notes);
    }

    private static bool IsEmailAddress(string email) =>
        email.Length <= ContactEmailMaxLength
        && !email.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal);

    internal static async Task<Client> FindAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken) =>
        await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken)
        ?? throw new ValidationFailedException("That client does not exist (it may have been deleted).");

    /// <summary>Names are unique per organization, ignoring case, so that CSV imports can find a client by name.</summary>
    private static async Task EnsureNameIsFreeAsync(AppDbContext db, string name, Guid? exceptClientId, CancellationToken cancellationToken)
    {
        var pattern = Paging.EscapeLike(name);
        var taken = await db.Clients.AnyAsync(c => EF.Functions.ILike(c.Name, pattern, @"\") && c.Id != exceptClientId, cancellationToken);
        if (taken)
        {
            throw new ValidationFailedException($"A client named {name} already exists.");
        }
    }

    private static async Task<ClientDeletion> CountDeletionAsync(AppDbContext db, Client client, CancellationToken cancellationToken)
    {
        var domainCount = await db.Domains.CountAsync(d => d.ClientId == client.Id, cancellationToken);
        var scanCount = await db.Scans.CountAsync(s => db.Domains.Any(d => d.Id == s.DomainId && d.ClientId == client.Id), cancellationToken);
        return new ClientDeletion(client.Id, client.Name, domainCount, scanCount);
    }
}
