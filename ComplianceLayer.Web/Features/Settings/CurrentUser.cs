using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace ComplianceLayer.Web.Features.Settings;

/// <summary>The signed-in user's id in a circuit, a static SSR page or a request; null when nobody is signed in.</summary>
public sealed class CurrentUser(IServiceProvider services)
{
    public async Task<string?> GetIdAsync()
    {
        ClaimsPrincipal? user = null;
        if (services.GetService<AuthenticationStateProvider>() is { } auth)
        {
            try
            {
                user = (await auth.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Outside a Razor component render: the HTTP context has the user.
            }
        }
        user ??= services.GetService<IHttpContextAccessor>()?.HttpContext?.User;
        return user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }
}
