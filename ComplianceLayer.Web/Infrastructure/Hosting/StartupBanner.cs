using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

public static class StartupBanner
{
    /// <summary>With Hosting:PrintUrl=true, prints the address once the app accepts requests (the run command's last line).</summary>
    public static WebApplication PrintUrlWhenStarted(this WebApplication app)
    {
        if (app.Configuration.GetValue("Hosting:PrintUrl", false))
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
                Console.WriteLine(addresses?.FirstOrDefault() ?? "(no address)");
            });
        }
        return app;
    }
}
