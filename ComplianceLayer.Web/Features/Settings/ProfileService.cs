using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace ComplianceLayer.Web.Features.Settings;

/// <summary>
/// The signed-in user corrects their own profile: display name at once; a new e-mail address only once a link sent to
/// that address is followed (Identity's change-e-mail token). Each change is audited in every organization of the user.
/// Each operation runs in its own scope, so that a long-lived circuit never saves a stale tracked user.
/// </summary>
public sealed class ProfileService(
    CurrentUser currentUser,
    IServiceScopeFactory scopes,
    IAppEmailSender email,
    TimeProvider time)
{
    public async Task<ProfileDetails> GetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = await RequireUserAsync(scope);
        cancellationToken.ThrowIfCancellationRequested();
        return new ProfileDetails(user.Email ?? string.Empty, user.EmailConfirmed, user.DisplayName);
    }

    public async Task<ProfileDetails> UpdateDisplayNameAsync(string? displayName, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        var user = await RequireUserAsync(scope);
        var name = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (name is { Length: > 200 })
        {
            throw new ValidationFailedException("A display name has at most 200 characters.");
        }
        if (name != user.DisplayName)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var before = user.DisplayName;
            user.DisplayName = name;
            Check(await users.UpdateAsync(user));
            await MembershipAudit.RecordInEveryOrganizationAsync(db, user.Id, user.Email ?? user.Id, "profile.updated",
                $"Changed their display name from \"{before ?? "(none)"}\" to \"{name ?? "(none)"}\".", time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return new ProfileDetails(user.Email ?? string.Empty, user.EmailConfirmed, user.DisplayName);
    }

    /// <summary>
    /// Sends a confirmation link to <paramref name="newEmail"/>; the address changes only when it is followed
    /// (see <see cref="ConfirmEmailChangeAsync"/>). <paramref name="baseUri"/> is the app's base address.
    /// </summary>
    public async Task RequestEmailChangeAsync(string? newEmail, Uri baseUri, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        var user = await RequireUserAsync(scope);
        var address = (newEmail ?? string.Empty).Trim();
        if (address.Length == 0 || !new EmailAddressAttribute().IsValid(address))
        {
            throw new ValidationFailedException("Enter a valid e-mail address.");
        }
        if (string.Equals(address, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException("That is already your e-mail address.");
        }
        var token = await users.GenerateChangeEmailTokenAsync(user, address);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = new Uri(baseUri, QueryHelpers.AddQueryString("Account/ConfirmEmailChange",
            new Dictionary<string, string?> { ["userId"] = user.Id, ["email"] = address, ["code"] = code }));
        await email.SendAsync(address, "Confirm your new ComplianceLayer e-mail address",
            $"<p>Confirm that this is your new e-mail address for ComplianceLayer by <a href='{HtmlEncoder.Default.Encode(link.AbsoluteUri)}'>clicking here</a>.</p>" +
            $"<p>Until you do, your address stays {HtmlEncoder.Default.Encode(user.Email ?? string.Empty)}.</p>\nLink: {link.AbsoluteUri}",
            cancellationToken);
        await MembershipAudit.RecordInEveryOrganizationAsync(db, user.Id, user.Email ?? user.Id, "profile.email_change_requested",
            "Asked to change their e-mail address; it changes when the new address is confirmed.", time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Applies a confirmed e-mail change (the link's token proves it); returns the user, or null when the link is invalid.</summary>
    public async Task<ApplicationUser?> ConfirmEmailChangeAsync(string userId, string newEmail, string code, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
        var before = user.Email;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // In this app the e-mail address is also the user name.
        if (!(await users.ChangeEmailAsync(user, newEmail, token)).Succeeded || !(await users.SetUserNameAsync(user, newEmail)).Succeeded)
        {
            return null;
        }
        await MembershipAudit.RecordInEveryOrganizationAsync(db, user.Id, newEmail, "profile.email_changed",
            $"Changed their e-mail address from {before} to {newEmail} (confirmed).", time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private async Task<ApplicationUser> RequireUserAsync(AsyncServiceScope scope)
    {
        var userId = await currentUser.GetIdAsync() ?? throw new AccessDeniedException("Sign in first.");
        return await Services(scope).Users.FindByIdAsync(userId) ?? throw new AccessDeniedException("Your account no longer exists.");
    }

    private static (UserManager<ApplicationUser> Users, AppDbContext Db) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), scope.ServiceProvider.GetRequiredService<AppDbContext>());

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
