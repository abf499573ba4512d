using ComplianceLayer.Domain.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    public static WebApplicationBuilder AddTenancy(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentMember>();
        builder.Services.AddScoped<ClientAddress>();
        builder.Services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, CapabilityAuthorizationHandler>();
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var capability in Enum.GetValues<Capability>())
        {
            authorization.AddPolicy(Policies.For(capability), p => p
                .RequireAuthenticatedUser()
                .AddRequirements(new CapabilityRequirement(capability)));
        }
        return builder;
    }
}
