using Microsoft.AspNetCore.Identity;

namespace ComplianceLayer.Web.Infrastructure.Data;

public sealed class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>The organization the user last switched to; checked against memberships on every use.</summary>
    public Guid? CurrentOrganizationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
